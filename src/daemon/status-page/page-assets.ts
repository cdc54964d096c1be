/**
 * The status page's HTML and CSS, shipped inside the package as strings (nothing to build, no
 * file to find at run time). The HTML is a fixed shell: the script fills it from /page.json.
 */
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>catalog-sync status</title>
<link rel="stylesheet" href="/page.css">
<script src="/page.js" defer></script>
</head>
<body>
<header>
  <h1>catalog-sync</h1>
  <p><span id="updated">Loading…</span> <span id="offline" class="warning" hidden>The daemon does not answer.</span></p>
</header>
<main>
<section><h2>Now</h2><div id="current"></div></section>
<section>
  <h2>Actions</h2>
  <p class="muted">Each action needs the control token (CONTROL_TOKEN). It is kept in this page's memory only.</p>
  <label for="token">Control token</label>
  <input id="token" type="password" autocomplete="off" spellcheck="false">
  <div class="buttons">
    <button id="release" type="button">Release held deletes</button>
    <button id="resync" type="button">Full resync</button>
  </div>
  <p id="action-result" role="status"></p>
  <p id="action-run"></p>
</section>
<section><h2>Held deletes</h2><div id="held"></div></section>
<section><h2>Drift</h2><div id="drift"></div></section>
<section>
  <h2>Last runs</h2>
  <div class="scroll"><table>
    <thead><tr><th>Run</th><th>Kind</th><th>Trigger</th><th>Start</th><th>Duration</th><th>Outcome</th><th>Planned</th><th>Requests SF / CB</th></tr></thead>
    <tbody id="runs-body"></tbody>
  </table></div>
  <div id="run-detail" class="detail"></div>
</section>
<section>
  <h2>Product errors <small id="errors-count"></small></h2>
  <label for="search">Search by Product2 id, name or product code</label>
  <input id="search" type="search" autocomplete="off">
  <div class="scroll"><table>
    <thead><tr><th>Run</th><th>Product2</th><th>Name</th><th>Code</th><th>Error</th><th>Message</th></tr></thead>
    <tbody id="errors-body"></tbody>
  </table></div>
</section>
<section><h2>API usage</h2><div id="usage"></div></section>
</main>
</body>
</html>
`;

export const PAGE_CSS = `
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.4 system-ui, sans-serif; color: #1d232a; background: #f4f6f8; }
header { padding: 12px 16px; background: #183a5a; color: #fff; }
header h1 { margin: 0; font-size: 20px; }
header p { margin: 4px 0 0; font-size: 13px; }
main { max-width: 1100px; margin: 0 auto; padding: 8px; }
section { background: #fff; border-radius: 6px; padding: 8px 12px; margin: 8px 0; box-shadow: 0 1px 2px #0002; }
h2 { font-size: 17px; margin: 4px 0 8px; }
p { margin: 4px 0; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; min-width: 620px; font-size: 13px; }
th, td { text-align: left; padding: 4px 6px; border-bottom: 1px solid #e3e7eb; vertical-align: top; }
td { overflow-wrap: anywhere; }
#runs-body tr { cursor: pointer; }
#runs-body td { white-space: nowrap; }
/* Ids and codes stay whole; names and messages wrap. */
#errors-body td:nth-child(-n + 2), #errors-body td:nth-child(4), #errors-body td:nth-child(5) { white-space: nowrap; overflow-wrap: normal; }
tr.selected { background: #e6f0fa; }
.outcome-failed td:nth-child(6) { color: #b3261e; font-weight: 600; }
.outcome-partial td:nth-child(6) { color: #8a5a00; font-weight: 600; }
.outcome-running td:nth-child(6), .running { color: #1b5e9e; font-weight: 600; }
.warning { color: #8a5a00; font-weight: 600; }
.muted { color: #66707a; }
.detail { margin-top: 8px; padding: 6px 8px; background: #f4f6f8; border-radius: 4px; }
label { display: block; font-size: 13px; margin-top: 6px; }
input { width: 100%; max-width: 420px; padding: 8px; font-size: 15px; border: 1px solid #b8c0c8; border-radius: 4px; }
.buttons { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
button { padding: 8px 14px; font-size: 15px; border: 0; border-radius: 4px; background: #1b5e9e; color: #fff; cursor: pointer; }
#release { background: #8a5a00; }
ul { margin: 4px 0; padding-left: 20px; }
li { overflow-wrap: anywhere; }
`;
