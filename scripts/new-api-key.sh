#!/usr/bin/env bash
# Makes an API key for an integration: 256 random bits. Give the key to the integration once;
# configure only its hash (Auth:ApiKeys:N:Hash), so the key itself is stored nowhere in TalentNet.
set -euo pipefail
key="tnk_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
hash="$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)"
printf 'key:  %s\nhash: %s\n' "$key" "$hash"
