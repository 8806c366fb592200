# Packaging targets; the Makefile includes this file at its end (after VENV, PY and PIP are set).
#   make package   the one-folder bundle for this machine: dist/goosetier/, its size reported;
#                  on Linux also dist/goosetier_<version>_<arch>.deb (dpkg-deb);
#                  on Windows also the Inno Setup installer when ISCC.exe is installed
#   make icons     re-render resources/icons/goosetier-*.png and goosetier.ico from the SVGs

$(VENV)/.package-stamp: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e '.[package,postgres]'
	touch $(VENV)/.run-stamp $@

package: $(VENV)/.package-stamp
	$(PY) packaging/build.py

icons: $(VENV)/.run-stamp
	$(PY) packaging/make_icons.py

.PHONY: package icons
