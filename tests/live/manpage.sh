# The manual cannot drift from the program: it documents every option of
# --help (and only those), every column of --list-columns with its header,
# unit, field and source, and every key of --list-keys (the tables the
# TUI's dispatcher uses) under the heading of each screen the key works on.
. "$(dirname "$0")/lib.sh"

TOP=$(dirname "$0")/../..
MAN=${MANPAGE:-$TOP/man/proctop.1}
[ -r "$MAN" ] || { fail "cannot read $MAN"; finish; }

# man_section NAME: the raw roff lines of section .SH NAME.
man_section() {
	awk -v want="$1" '
		/^\.SH / { name = substr($0, 5); gsub(/"/, "", name)
			on = (name == want); next }
		on' "$MAN"
}

# ---- columns -----------------------------------------------------------
"$PROCTOP" --list-columns >"$TMP/cols" 2>"$TMP/err"
check "--list-columns exits 0" [ $? -eq 0 ]
check "--list-columns lists columns" [ "$(wc -l <"$TMP/cols")" -gt 1 ]
man_section COLUMNS >"$TMP/colsec"
# Each column is ".TP" / ".B key" / description / "Header \fBH\fR, unit U,
# field \fBF\fR." / "Source: S." with '-' as '\-' and <pid> as \fIpid\fR.
roff_esc() {
	sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e 's/<pid>/\\fIpid\\fR/g' \
		-e 's/<tid>/\\fItid\\fR/g' <<<"$1"
}
ncols=0
while IFS=$'\t' read -r key aliases hdr unit field src; do
	ncols=$((ncols + 1))
	# The column's paragraph: from ".B key" to the next .TP.
	para=$(awk -v k=".B $(roff_esc "$key")" '
		$0 == k { on = 1; next } on && /^\.(TP|SH|SS)/ { exit } on' \
		"$TMP/colsec")
	if [ -z "$para" ]; then
		fail "man page COLUMNS section lacks key '$key'"
		continue
	fi
	if [ "$unit" = "-" ]; then u="no unit"; else u="unit $(roff_esc "$unit")"; fi
	want="Header \\fB$(roff_esc "$hdr")\\fR, $u, field \\fB$(roff_esc "$field")\\fR."
	grep -qxF -- "$want" <<<"$para" ||
		fail "man page column '$key': expected line '$want'"
	want="Source: $(roff_esc "$src")."
	grep -qxF -- "$want" <<<"$para" ||
		fail "man page column '$key': expected line '$want'"
done < <(awk 'NR > 1' "$TMP/cols" |
	sed -E 's/  +/\t/g' | cut -f1-6)
check "every column checked" [ "$ncols" -ge 30 ]
check "--list-columns has an ALIASES column" \
	grep -qE '^KEY +ALIASES +HEADER ' "$TMP/cols"
check "--list-columns: vsz and sz are virt's aliases" \
	grep -qE '^virt +vsz,sz +VIRT ' "$TMP/cols"
# Every alias is named (bold) in the -o paragraph of OPTIONS, and works.
opara=$(awk '/^\.BR \\-o ", " \\-\\-columns / { on = 1; next } on && /^\.(TP|SS|SH)/ { exit }
	on' "$MAN" | sed -e 's/\\-/-/g' -e 's/\\&//g')
nalias=0
alist=
while IFS=$'\t' read -r key aliases; do
	[ "$aliases" = - ] && continue
	for a in ${aliases//,/ }; do
		nalias=$((nalias + 1))
		grep -qE -- "^\.BR? (.* )?\"?$(sed 's/[+%]/\\&/g' <<<"$a")\"?( |,|$)" \
			<<<"$opara" ||
			fail "man page -o paragraph lacks the alias '$a' ($key)"
		alist+=${alist:+,}$a
	done
done < <(awk 'NR > 1' "$TMP/cols" | sed -E 's/  +/\t/g' | cut -f1-2)
check "aliases checked ($nalias)" [ "$nalias" -ge 20 ]
check "-o with every listed alias works" \
	quiet "$PROCTOP" -b -n 1 -d 0.1 -p $$ -w 400 -o "$alist" -o pid

# ---- options -----------------------------------------------------------
"$PROCTOP" --help >"$TMP/help"
check "--help exits 0" [ $? -eq 0 ]
opts=$(grep -oE -- '--[a-z][a-z-]+' "$TMP/help" | sort -u)
# Short options: "  -b, --batch" lines.
shorts=$(grep -oE '^  -[a-zA-Z],' "$TMP/help" | tr -d ' ,' | sort -u)
man_section OPTIONS | sed 's/\\-/-/g' >"$TMP/optsec"
mopts=$(grep -oE -- '--[a-z][a-z-]+' "$TMP/optsec" | sort -u)
check "--help lists options" [ -n "$opts" ]
check "--help lists short options" [ -n "$shorts" ]
for o in $opts; do
	grep -qx -- "$o" <<<"$mopts" || fail "man page OPTIONS lacks $o"
done
for o in $mopts; do
	grep -qx -- "$o" <<<"$opts" ||
		fail "--help lacks $o (in the man page)"
done
for o in $shorts; do
	# ".BR -b ", " --batch" or ".BR -n ", " --iterations ..."
	grep -qE -- "^\.BR? $o( |$)" "$TMP/optsec" ||
		fail "man page OPTIONS lacks $o"
done
check "--help points to the manual" grep -q 'man proctop' "$TMP/help"

# ---- keys --------------------------------------------------------------
# --list-keys: "SCREEN  KEYS  ACTION" columns (two or more spaces apart),
# KEYS the entry's names separated by single spaces.
"$PROCTOP" --list-keys >"$TMP/listkeys" 2>"$TMP/err"
check "--list-keys exits 0" [ $? -eq 0 ]
check "--list-keys has a title row" \
	grep -qE '^SCREEN +KEYS +ACTION$' "$TMP/listkeys"
awk 'NR > 1' "$TMP/listkeys" | sed -E 's/  +/\t/g' | cut -f1,2 |
	while IFS=$'\t' read -r sec names; do
		read -ra words <<<"$names"      # no globbing: "*" is a key
		for n in "${words[@]}"; do printf '%s\t%s\n' "$sec" "$n"; done
	done >"$TMP/keytable"
check "--list-keys lists keys" [ "$(wc -l <"$TMP/keytable")" -ge 100 ]

# Keys documented per KEYS subsection: "subsection<TAB>key" lines.  A key
# paragraph is .TP then a tag line (.B/.BR ...) whose unquoted words are
# key names (\- is -, \e is \); quoted words are prose.
man_section KEYS | awk '
	/^\.SS / { ss = substr($0, 5); gsub(/"/, "", ss); next }
	/^\.TP/ { tag = 1; next }
	tag && /^\.(B|BR|RB) / {
		tag = 0
		line = $0
		sub(/^\.[A-Z]+ /, "", line)
		gsub(/"[^"]*"/, " ", line)
		gsub(/\\-/, "-", line)
		gsub(/\\e/, "\\", line)
		gsub(/\\&/, "", line)
		n = split(line, w, /[ \t]+/)
		for (i = 1; i <= n; i++)
			if (w[i] != "")
				print ss "\t" w[i]
		next
	}
	{ tag = 0 }' >"$TMP/mankeys"
check "the KEYS section has keys" [ "$(wc -l <"$TMP/mankeys")" -ge 40 ]

nkeys=0
while IFS=$'\t' read -r sec name; do
	[ "$sec" = "Enter menu" ] && continue
	nkeys=$((nkeys + 1))
	grep -qxF -- "$sec"$'\t'"$name" "$TMP/mankeys" ||
		fail "man page KEYS, \"$sec\", lacks key '$name'"
done <"$TMP/keytable"
check "every key of --list-keys checked" [ "$nkeys" -ge 100 ]

# The Enter menu's items are named in the process list's Enter entry.
enter_para=$(man_section KEYS | awk '
	/^\.SS / { ss = substr($0, 5); gsub(/"/, "", ss) }
	ss == "Process list" && /^\.B Enter$/ { on = 1; next }
	on && /^\.(TP|SS|SH)/ { exit } on')
items=$(awk -F '\t' '$1 == "Enter menu" { print $2 }' "$TMP/keytable")
check "the Enter menu parses" [ -n "$items" ]
for it in $items; do
	grep -qw -- "$it" <<<"$enter_para" ||
		fail "man page KEYS, Enter, lacks the menu item '$it'"
done

# ---- the batch Tasks line: the same order as the man page ---------------
"$PROCTOP" -b -n 1 -d 0.1 -p $$ >"$TMP/tasks.txt" 2>/dev/null
got=$(grep -m1 '^Tasks:' "$TMP/tasks.txt" | sed -E 's/[0-9]+/N/g')
want=$(man_section "BATCH OUTPUT" | grep -m1 '^Tasks:' |
	sed -e 's/\\fIN\\fR/N/g' -e 's/\\-/-/g')
check "Tasks line order as in the man page ('$got')" \
	[ -n "$got" -a "$got" = "$want" ]

# ---- the rest ----------------------------------------------------------
for sec in NAME SYNOPSIS DESCRIPTION OPTIONS KEYS MOUSE SCREENS COLUMNS \
	"BATCH OUTPUT" MEMORY "ACTIONS AND PERMISSIONS" "TEXT SANITISING" \
	FILES ENVIRONMENT "EXIT STATUS" "SEE ALSO"; do
	grep -qE "^\.SH \"?$sec\"?$" "$MAN" || fail "man page lacks section $sec"
done
check "man page has the JSON schema" grep -q '"processes"' "$MAN"
if command -v groff >/dev/null 2>&1; then
	check "man page renders without warnings" \
		bash -c "groff -man -ww -z '$MAN' 2>&1 | { ! grep -q .; } &&
			groff -man -Tutf8 -ww -z '$MAN' 2>&1 | { ! grep -q .; }"
fi
[ "$FAILS" -eq 0 ] && ok "every key, column and option documented"
finish
