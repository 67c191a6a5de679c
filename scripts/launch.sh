#!/bin/sh
# `npm run build` (and watch, extract, import): starts the CLI from its V8 startup snapshot when
# there is one for the Node binary that runs npm, else the ordinary bundle, `node dist/cli.js`.
# Either way one Node process, and the same outputs (the snapshot holds code only: fonts,
# templates and data are read on every run).
#
# A snapshot works only with the Node binary that made it (another one refuses it, exit 14), so it
# is named by Node's version, platform and architecture (dist/snapshot/node-v20.20.2-linux-x64.blob,
# made by scripts/bundle.mjs at `npm ci`), read here from npm's user agent for the Node that runs
# npm ($npm_node_execpath), and used only when it is newer than that binary. A new Node: no blob of
# its name, the ordinary bundle runs (`npm ci` or `npm run prepare` makes the blob again).
# OIC_SNAPSHOT=0 turns it off.
here=${0%/*}
r=${npm_config_user_agent#* node/}
v=${r%% *}; r=${r#* }; p=${r%% *}; r=${r#* }; a=${r%% *}
blob="$here/../dist/snapshot/node-$v-$p-$a.blob"
if [ "${OIC_SNAPSHOT:-1}" != 0 ] && [ -n "$npm_node_execpath" ] && [ "$r" != "$npm_config_user_agent" ] \
  && [ -f "$blob" ] && [ "$blob" -nt "$npm_node_execpath" ]; then
  exec "$npm_node_execpath" --snapshot-blob "$blob" "$here/../dist/cli.js" "$@"
fi
exec node "$here/../dist/cli.js" "$@"
