# The manual and --help document every column key and every option.
. "$(dirname "$0")/lib.sh"

MAN=$(dirname "$0")/../../man/proctop.1
[ -r "$MAN" ] || { fail "cannot read $MAN"; finish; }

"$PROCTOP" --list-columns >"$TMP/cols" 2>"$TMP/err"
check "--list-columns exits 0" [ $? -eq 0 ]
keys=$(awk 'NR > 1 { print $1 }' "$TMP/cols")
check "--list-columns lists columns" [ -n "$keys" ]
# In the COLUMNS section each key starts a tagged paragraph: ".TP" then
# ".B key".
section=$(awk '/^\.SH COLUMNS/ { on = 1; next } /^\.SH/ { on = 0 } on' "$MAN")
for k in $keys; do
	grep -qx "\.B $k" <<<"$section" ||
		fail "man page COLUMNS section lacks key '$k'"
done
# Every long option of --help is in the OPTIONS section, and back.
"$PROCTOP" --help >"$TMP/help"
opts=$(grep -oE -- '--[a-z][a-z-]+' "$TMP/help" | sort -u)
msection=$(awk '/^\.SH OPTIONS/ { on = 1; next } /^\.SH/ { on = 0 } on' "$MAN" |
	sed 's/\\-/-/g')
mopts=$(grep -oE -- '--[a-z][a-z-]+' <<<"$msection" | sort -u)
check "--help lists options" [ -n "$opts" ]
for o in $opts; do
	grep -qx -- "$o" <<<"$mopts" || fail "man page OPTIONS lacks $o"
done
for o in $mopts; do
	grep -qx -- "$o" <<<"$opts" ||
		fail "--help lacks $o (in the man page)"
done
check "man page has the JSON schema" grep -q 'processes' "$MAN"
if command -v groff >/dev/null 2>&1; then
	check "man page renders without warnings" \
		bash -c "groff -man -Tutf8 -ww -z '$MAN' 2>&1 | { ! grep -q .; }"
fi
[ "$FAILS" -eq 0 ] && ok "every key and option documented"
finish
