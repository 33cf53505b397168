#!/bin/bash
# The deb's post-install script (electron-builder's deb.afterInstall; ${...} are its template
# variables). It does what electron-builder's default does, except that /usr/bin/${executable}
# points at the CLI launcher (resources/bin/peak-watch), as /usr/bin/code does for VS Code: with no
# arguments the launcher opens the app, with arguments it runs the CLI (`peak-watch headless`).
launcher='/opt/${sanitizedProductName}/resources/bin/peak-watch'
chmod 0755 "$launcher" || true
if type update-alternatives >/dev/null 2>&1; then
    if [ -L '/usr/bin/${executable}' ] && [ "$(readlink '/usr/bin/${executable}')" != '/etc/alternatives/${executable}' ]; then
        rm -f '/usr/bin/${executable}'
    fi
    update-alternatives --install '/usr/bin/${executable}' '${executable}' "$launcher" 100 || ln -sf "$launcher" '/usr/bin/${executable}'
else
    ln -sf "$launcher" '/usr/bin/${executable}'
fi

# Chromium's sandbox: the SUID helper only where user namespaces do not work.
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
else
    chmod 0755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi
if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

# electron-builder's AppArmor profile (Ubuntu 24+), installed only where this AppArmor accepts it.
if apparmor_status --enabled >/dev/null 2>&1; then
    profile_source='/opt/${sanitizedProductName}/resources/apparmor-profile'
    profile_target='/etc/apparmor.d/${executable}'
    if apparmor_parser --skip-kernel-load --debug "$profile_source" >/dev/null 2>&1; then
        cp -f "$profile_source" "$profile_target"
        if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
            apparmor_parser --replace --write-cache --skip-read-cache "$profile_target"
        fi
    fi
fi
