#!/bin/bash
# The deb's post-remove script (deb.afterRemove): undoes after-install.tpl — the /usr/bin link to
# the CLI launcher and electron-builder's AppArmor profile.
if type update-alternatives >/dev/null 2>&1; then
    update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/resources/bin/peak-watch'
else
    rm -f '/usr/bin/${executable}'
fi

profile='/etc/apparmor.d/${executable}'
if [ -f "$profile" ]; then
    if apparmor_status --enabled >/dev/null 2>&1; then
        if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
            apparmor_parser --remove "$profile" || true
        fi
    fi
    rm -f "$profile"
fi
