#!/bin/busybox sh
# Reads TPM 2.0 NV indices in the busybox test guest, which has no tpm2-tools:
# raw TPM2_NV_ReadPublic / TPM2_NV_Read commands written to /dev/tpmrm0.
# Usage: sh tpm-nv-read.sh INDEX... (8 hex digits each, e.g. 01c00002)
# Prints one line per index: "INDEX HEX-OF-CONTENTS", or "INDEX none RESPONSE-CODE".
dev=${TPM_DEVICE:-/dev/tpmrm0}

# One command: HEX in, the response as HEX out (the device answers a whole command with one read).
tpm() {
	printf "$(echo "$1" | sed 's/../\\x&/g')" >/run/tpm-command
	exec 3<>"$dev"
	dd if=/run/tpm-command bs=4096 count=1 2>/dev/null >&3
	dd bs=4096 count=1 <&3 2>/dev/null | od -An -v -tx1 | tr -d ' \n'
	exec 3<&-
}

hex16() { printf '%04x' "$1"; }
# Bytes [$2, $2+$3) of the response $1, as hex.
field() { echo "$1" | cut -c$(($2 * 2 + 1))-$((($2 + $3) * 2)); }

# TPM2_NV_ReadPublic: no sessions; the size is after nvIndex, nameAlg, attributes and authPolicy.
nv_size() {
	r=$(tpm "80010000000e00000169$1")
	[ "$(field "$r" 6 4)" = 00000000 ] || { echo "none $(field "$r" 6 4)"; return 1; }
	policy=$((0x$(field "$r" 22 2)))
	echo $((0x$(field "$r" $((24 + policy)) 2)))
}

# TPM2_NV_Read with the owner's empty password (TPM_RS_PW), in chunks the TPM's NV buffer takes.
nv_read() {
	size=$1 offset=0 out=
	while [ "$offset" -lt "$size" ]; do
		n=$((size - offset))
		[ $n -gt 512 ] && n=512
		r=$(tpm "8002000000230000014e40000001${2}00000009400000090000000000$(hex16 $n)$(hex16 $offset)")
		[ "$(field "$r" 6 4)" = 00000000 ] || { echo "none $(field "$r" 6 4)"; return 1; }
		out=$out$(field "$r" 16 "$n")
		offset=$((offset + n))
	done
	echo "$out"
}

for index in "$@"; do
	if size=$(nv_size "$index"); then
		echo "$index $(nv_read "$size" "$index")"
	else
		echo "$index $size"
	fi
done
