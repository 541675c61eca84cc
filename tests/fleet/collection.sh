#!/bin/sh
# shellcheck source-path=SCRIPTDIR
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# collection.sh - the Ansible collection in ansible/ as a collection:
# Debian's ansible-lint reports no error on it; ansible-galaxy builds it
# and installs the tarball; the installed playbooks (auditdline.cis.scan,
# auditdline.cis.fix) and those of the checkout pass --syntax-check;
# ansible-doc reads the role's argument specs; shellcheck finds nothing in
# the fleet scripts. Nothing runs against a host here (fleet.sh does).
#
# Environment: COLLECTION (ansible/ of the checkout).
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=../scan/lib.sh
. "$here/../scan/lib.sh"
sc_need COLLECTION
for t in ansible-lint ansible-galaxy ansible-playbook ansible-doc shellcheck; do
	command -v "$t" >/dev/null 2>&1 || sc_skip "no $t (scripts/deps.sh)"
done
sc_tmp
export HOME="$SC/home" ANSIBLE_LOCAL_TEMP="$SC/home/tmp" ANSIBLE_NOCOLOR=1
mkdir -p "$HOME"

# ansible-lint looks at the collection as it is in git: a copy, so that
# its caches and a build's leftovers stay out of the checkout.
cp -a "$COLLECTION" "$SC/src"
if (cd "$SC/src" && ansible-lint --nocolor) >"$SC/lint" 2>&1; then
	sc_pass "ansible-lint reports no error"
else
	sc_fail "ansible-lint reports errors"
	sed 's/^/    | /' "$SC/lint" >&2
fi
grep -i 'warning' "$SC/lint" | sed 's/^/    note: /'

if ansible-galaxy collection build --output-path "$SC/dist" "$SC/src" \
	>"$SC/build" 2>&1; then
	sc_pass "ansible-galaxy collection build"
else
	sc_fail "ansible-galaxy collection build"
	sed 's/^/    | /' "$SC/build" >&2
fi
tarball=$(ls "$SC"/dist/auditdline-cis-*.tar.gz 2>/dev/null)
if ansible-galaxy collection install -p "$SC/coll" "$tarball" \
	>"$SC/install" 2>&1; then
	sc_pass "ansible-galaxy collection install"
else
	sc_fail "ansible-galaxy collection install"
	sed 's/^/    | /' "$SC/install" >&2
fi
c=$SC/coll/ansible_collections/auditdline/cis
for f in README.md playbooks/scan.yml playbooks/fix.yml \
	roles/fleet/meta/argument_specs.yml roles/fleet/tasks/report.yml; do
	sc_check "the installed collection has $f" test -s "$c/$f"
done
sc_check "the checkout's link to itself is not in the tarball" \
	test ! -e "$c/playbooks/collections"

export ANSIBLE_COLLECTIONS_PATH="$SC/coll"
for p in auditdline.cis.scan auditdline.cis.fix "$COLLECTION/playbooks/scan.yml" \
	"$COLLECTION/playbooks/fix.yml"; do
	if ansible-playbook -i localhost, --syntax-check "$p" >"$SC/syntax" 2>&1; then
		sc_pass "ansible-playbook --syntax-check $p"
	else
		sc_fail "ansible-playbook --syntax-check $p"
		sed 's/^/    | /' "$SC/syntax" >&2
	fi
done
ansible-doc -t role auditdline.cis.fleet >"$SC/doc" 2>&1
sc_says "ansible-doc shows the role's entry points" 'ENTRY POINT: fix' "$SC/doc"
sc_says "and its variables" 'auditdline_package_source' "$SC/doc"

top=$(cd "$here/../.." && pwd)
if shellcheck -x -s sh "$here/ansible.sh" "$here/fleet.sh" "$here/lib.sh" \
	"$here/collection.sh" "$here/make-arfs.sh" "$here/browser.sh" \
	"$top/bench/fleet-scan.sh" "$top/bench/fleet-report.sh" >"$SC/sc" 2>&1; then
	sc_pass "shellcheck: the fleet tests and bench/fleet-scan.sh"
else
	sc_fail "shellcheck finds problems"
	sed 's/^/    | /' "$SC/sc" >&2
fi
sc_end
