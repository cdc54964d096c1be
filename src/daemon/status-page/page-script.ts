/**
 * The status page's one script, plain browser JavaScript with no framework and no build step:
 * it fetches /page.json again every 2 s while a run goes on, else every 15 s, and renders it with
 * textContent and createElement only, so every value from Salesforce or cleverbridge is shown as
 * text. The control token is kept in a variable of this closure alone: never stored, never in a URL.
 */
export const PAGE_SCRIPT = String.raw`'use strict';
(function () {
  var token = null;
  var data = null;
  var selectedRun = null;
  var startedRun = null;
  var timer = null;
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function link(href, text) {
    if (!href || !/^https?:\/\//.test(href)) return el('span', text);
    var a = el('a', text);
    a.href = href;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
    return a;
  }
  function fill(id, nodes) {
    var box = $(id);
    box.replaceChildren.apply(box, nodes);
  }
  function time(iso) { return iso ? new Date(iso).toLocaleString() : '—'; }
  function duration(run) {
    if (!run.finishedAt) return 'running';
    var s = Math.round((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000);
    return s < 60 ? s + ' s' : Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
  }
  function counts(c) {
    if (!c) return '—';
    return Object.keys(c).filter(function (k) { return c[k] > 0; })
      .map(function (k) { return k + ' ' + c[k]; }).join(', ') || 'nothing';
  }
  function row(cells) {
    var tr = el('tr');
    cells.forEach(function (c) {
      var td = el('td');
      if (c instanceof Node) td.appendChild(c); else td.textContent = c === null || c === undefined ? '—' : String(c);
      tr.appendChild(td);
    });
    return tr;
  }

  function renderCurrent(d) {
    var c = d.current;
    var line = c
      ? 'Run ' + c.runId + ' (' + c.kind + ', ' + c.trigger + ') since ' + time(c.startedAt) + ': stage ' + c.stage +
        ', ' + c.read + ' record(s) read, ' + c.settled + ' of ' + c.total + ' mutation(s) sent'
      : 'No run in progress.';
    var items = [el('p', line, c ? 'running' : '')];
    Object.keys(d.schedules).forEach(function (name) {
      items.push(el('p', 'Next ' + name + ' run: ' + time(d.schedules[name])));
    });
    var ce = d.changeEvents;
    items.push(el('p', ce ? 'Change events: ' + ce.state + (ce.detail ? ' (' + ce.detail + ')' : '') : 'Change events: off'));
    items.push(el('p', d.state.products + ' product(s) managed, ' + d.state.pendingMutations + ' mutation(s) of unknown outcome'));
    fill('current', items);
  }

  function renderRuns(d) {
    fill('runs-body', d.runs.map(function (r) {
      var tr = row(['#' + r.id, r.kind, r.trigger, time(r.startedAt), duration(r), r.outcome, counts(r.counts),
        r.requests ? r.requests.salesforce + ' / ' + r.requests.cleverbridge : '—']);
      tr.className = 'outcome-' + r.outcome + (r.id === selectedRun ? ' selected' : '');
      tr.tabIndex = 0;
      tr.dataset.run = String(r.id);
      return tr;
    }));
    renderDetail(d);
  }

  function renderDetail(d) {
    var r = d.runs.filter(function (x) { return x.id === selectedRun; })[0];
    if (!r) return fill('run-detail', [el('p', 'Choose a run for its detail.', 'muted')]);
    var m = r.mutations;
    var errors = d.errors.filter(function (e) { return e.runId === r.id; }).length;
    var lines = [
      'Run ' + r.id + ': ' + r.kind + ' (' + r.trigger + '), ' + r.outcome + ', ' + time(r.startedAt) + ', ' + duration(r),
      'Planned: ' + counts(r.counts),
      'Mutations: ' + (m ? counts(m.succeeded) + ' succeeded; ' + m.failed + ' failed, ' + m.unknown + ' unknown, ' + m.notSent + ' not sent' : '—'),
      'Write-back: ' + (r.writeBack ? r.writeBack.written + ' written, ' + r.writeBack.failed + ' failed' : '—'),
      'Requests: ' + (r.requests ? r.requests.salesforce + ' Salesforce, ' + r.requests.cleverbridge + ' cleverbridge' : '—') + ', ' + r.rateLimited + ' answered 429',
      'Record errors: ' + errors,
    ];
    if (r.fullBecause) lines.push('Full because: ' + r.fullBecause);
    if (r.deletesHeld) lines.push('Deletes held: ' + r.deletesHeld);
    if (r.error) lines.push('Error: ' + r.error);
    fill('run-detail', lines.map(function (l) { return el('p', l); }));
  }

  function renderErrors(d) {
    var q = $('search').value.trim().toLowerCase();
    var shown = d.errors.filter(function (e) {
      return !q || [e.key, e.label, e.productCode].some(function (v) { return v && v.toLowerCase().indexOf(q) >= 0; });
    });
    fill('errors-body', shown.map(function (e) {
      return row(['#' + e.runId, link(e.link, e.key), e.label, e.productCode, e.code, e.message]);
    }));
    $('errors-count').textContent = shown.length + ' of ' + d.errors.length;
  }

  function renderHeld(d) {
    var h = d.held;
    if (!h) return fill('held', [el('p', 'No deletes held.', 'muted')]);
    var list = el('ul');
    h.deletes.forEach(function (x) {
      var li = el('li');
      li.append(link(x.link, x.key), ' ', x.label || '', ' (' + x.reason + ')');
      list.appendChild(li);
    });
    fill('held', [el('p', 'Run ' + h.runId + ' held deletes: ' + h.reason, 'warning'), list]);
  }

  function renderDrift(d) {
    if (d.drift.length === 0) return fill('drift', [el('p', 'No drift reported.', 'muted')]);
    var list = el('ul');
    d.drift.forEach(function (x) {
      var li = el('li');
      li.append(link(x.link, x.key), ' ', x.label || '', x.missing ? ': gone from cleverbridge' : ': ' + x.fields.join(', '));
      list.appendChild(li);
    });
    fill('drift', [el('p', 'Reported by run ' + d.drift[0].runId + ', not restored (drift policy report):'), list]);
  }

  function renderUsage(d) {
    var u = d.usage;
    var sf = u.salesforce;
    fill('usage', [
      el('p', 'Salesforce API (Sforce-Limit-Info): ' + (sf ? sf.used + ' of ' + sf.limit + ' in 24 h, as of ' + time(sf.at) : 'not known yet')),
      el('p', 'Requests of the runs listed: ' + u.salesforceRequests + ' Salesforce, ' + u.cleverbridgeRequests +
        ' cleverbridge (' + u.cleverbridgeRateLimited + ' answered 429)'),
    ]);
  }

  function render(d) {
    data = d;
    $('updated').textContent = 'Updated ' + time(d.at);
    renderCurrent(d); renderRuns(d); renderErrors(d); renderHeld(d); renderDrift(d); renderUsage(d);
    if (startedRun !== null) {
      var r = d.runs.filter(function (x) { return x.id === startedRun; })[0];
      if (r) $('action-run').textContent = 'Run ' + r.id + ' (' + r.kind + '): ' + r.outcome + ', ' + counts(r.counts);
    }
  }

  // One chain of refreshes: an answer to an older request (an action asked for a newer one) is dropped.
  var asked = 0;
  function refresh() {
    clearTimeout(timer);
    var mine = ++asked;
    fetch('/page.json', { cache: 'no-store' })
      .then(function (res) { if (!res.ok) throw new Error('HTTP ' + res.status); return res.json(); })
      .then(function (d) {
        if (mine !== asked) return;
        render(d);
        $('offline').hidden = true;
        timer = setTimeout(refresh, d.current ? 2000 : 15000);
      })
      .catch(function () {
        if (mine !== asked) return;
        $('offline').hidden = false;
        timer = setTimeout(refresh, 5000);
      });
  }

  function act(body, what) {
    var given = $('token').value;
    if (given) { token = given; $('token').value = ''; }
    var headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    var out = $('action-result');
    out.textContent = what + '…';
    $('action-run').textContent = '';
    fetch('/sync', { method: 'POST', headers: headers, body: JSON.stringify(body) })
      .then(function (res) { return res.json().then(function (j) { return { status: res.status, json: j }; }); })
      .then(function (a) {
        if (a.status === 202) { startedRun = a.json.runId; out.textContent = what + ': run ' + a.json.runId + ' started (' + a.json.kind + ')'; }
        else if (a.status === 401) { token = null; out.textContent = 'Refused: the control token is missing or wrong.'; }
        else out.textContent = 'Refused (' + a.status + '): ' + a.json.error;
        refresh();
      })
      .catch(function (e) { out.textContent = what + ' failed: ' + e.message; });
  }

  $('release').addEventListener('click', function () { act({ full: true, allowMassDelete: true }, 'Release held deletes'); });
  $('resync').addEventListener('click', function () { act({ full: true }, 'Full resync'); });
  $('search').addEventListener('input', function () { if (data) renderErrors(data); });
  $('runs-body').addEventListener('click', function (ev) {
    var tr = ev.target.closest('tr');
    if (!tr || !data) return;
    selectedRun = Number(tr.dataset.run);
    renderRuns(data);
  });
  $('runs-body').addEventListener('keydown', function (ev) { if (ev.key === 'Enter') ev.target.click(); });
  refresh();
})();
`;
