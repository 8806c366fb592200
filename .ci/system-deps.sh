#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, only when something is missing.
# Qt (PySide6) needs EGL/GL, xkbcommon, fontconfig and dbus even offscreen; printed sheets need a
# CJK font and poppler's pdftotext/pdffonts/pdftoppm; the shared-registry tests need PostgreSQL;
# the bundle build strips with binutils and packs the .deb with dpkg.
set -u
missing=()
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_lib libEGL.so.1        || missing+=(libegl1)
have_lib libGL.so.1         || missing+=(libgl1)
have_lib libxkbcommon.so.0  || missing+=(libxkbcommon0)
have_lib libfontconfig.so.1 || missing+=(libfontconfig1)
have_lib libdbus-1.so.3     || missing+=(libdbus-1-3)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
fc-list 2>/dev/null | grep -qiE "Noto (Sans|Serif) CJK|WenQuanYi|Source Han" || missing+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v dpkg-deb >/dev/null 2>&1 || missing+=(dpkg)
command -v strip >/dev/null 2>&1 || missing+=(binutils)  # the bundle's symbol tables
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
if [ "$(id -u)" != "0" ]; then
  SUDO=sudo
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >/dev/null || { echo "system-deps: apt-get update failed"; exit 1; }
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null \
  || { echo "system-deps: apt-get install ${missing[*]} failed"; exit 1; }
