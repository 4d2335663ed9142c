"""The target-side steps, as POSIX shell scripts run by ``Target.run`` (over ssh or locally).

Values arrive as positional arguments ($1 is always the deploy folder), never inside the text.
"""

# Held for a whole deploy or rollback: flock keeps <dir>/.deploy.lock while cat reads the caller's
# pipe; when the caller ends (even by SIGKILL) the pipe closes and the lock goes. Exit 75: busy.
LOCK_SCRIPT = """mkdir -p "$1" || exit 1
exec flock -w "$2" -E 75 "$1/.deploy.lock" sh -c 'echo locked; exec cat >/dev/null'"""

# Remove what killed runs left, then list the releases and where current points.
STATE_SCRIPT = """set -e
cd "$1"
mkdir -p releases
rm -rf releases/.partial-*
rm -f current.tmp-*
if [ -e current ] && [ ! -L current ]; then echo "not-a-link"; exit 0; fi
ls -1 releases
echo "--"
readlink current || true"""

# The live release's map of hashed asset names (theme/assets.json), or nothing.
ASSETS_SCRIPT = """cat "$1/releases/$2/theme/assets.json" 2>/dev/null || true"""

# Hard-link files of the live release ($3) into the upload ($2) where the upload lacks them.
CARRY_SCRIPT = """set -e
cd "$1/releases"
new="$2"; live="$3"; shift 3
for f do
  [ -f "$live/$f" ] && [ ! -e "$new/$f" ] || continue
  mkdir -p "$new/$(dirname "$f")"
  ln "$live/$f" "$new/$f"
done"""

# Rename a finished upload ($3, if given) to its release id ($2), then point current at it
# with one rename, so current is always a complete release.
SWITCH_SCRIPT = """set -e
cd "$1"
[ -z "$3" ] || mv -T "releases/$3" "releases/$2"
ln -s "releases/$2" "current.tmp-$2"
mv -T "current.tmp-$2" current"""

# Remove the releases named in $2, $3, ...
PRUNE_SCRIPT = """set -e
cd "$1/releases"
shift
for r do rm -rf -- "$r"; done"""
