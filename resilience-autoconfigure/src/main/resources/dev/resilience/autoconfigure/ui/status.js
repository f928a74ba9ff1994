/* The resilience starter's status page: reads /supervisors, /alarms and /health from Actuator
   every 2 s and updates the page in place. No dependency, no build step. */
(function () {
	'use strict';
	var ACTUATOR = document.documentElement.getAttribute('data-actuator');
	var WRITE = document.documentElement.getAttribute('data-write') === 'true';
	var EXPOSE = 'management.endpoints.web.exposure.include=supervisors,alarms,health';
	var REFRESH_MS = 2000, ALARM_ROWS = 200, HISTORY_ROWS = 50;
	var ACTIONS = ['restart', 'pause', 'resume', 'trigger'];
	var CLASSES = { UP: 'ok', CONNECTED: 'ok', RUNNING: 'ok', SCHEDULED: 'ok', DEGRADED: 'warn', PAUSED: 'warn',
		PARKED: 'warn', STOPPED: 'warn', OUT_OF_SERVICE: 'bad', MAJOR: 'warn', MINOR: 'warn', WARNING: 'warn',
		DOWN: 'bad', CRASHING: 'bad', CRITICAL: 'bad', FAILED: 'bad' };
	var RANK = { bad: 0, warn: 1, na: 2, ok: 3 };
	var stats = window.resilienceStatus = { refreshes: 0, renderMs: [], firstRenderAt: null, errors: [] };
	window.addEventListener('error', function (e) { stats.errors.push(String(e.message)); });

	var $ = function (id) { return document.getElementById(id); };
	var groups = new Map(), alarmRows = new Map(), checkRows = new Map();
	var healthPaths = ['/health/readiness', '/health/liveness'];
	var filter = '', last = null, lastOk = 0, downSince = 0, timer = 0, busy = false, again = false, historyKey = '';

	function el(tag, cls, text) {
		var e = document.createElement(tag);
		if (cls) e.className = cls;
		if (text != null) e.textContent = text;
		return e;
	}
	function set(e, text) {
		text = (text == null) ? '' : String(text);
		if (e.__t !== text) { e.__t = text; e.textContent = text; }
	}
	function cls(e, name) { if (e.className !== name) e.className = name; }
	function kind(label) { return CLASSES[label] || 'na'; }
	function badge(e, label) { set(e, label); cls(e, 'badge ' + kind(label)); }
	function ago(iso) {
		if (!iso) return '';
		var s = (Date.now() - Date.parse(iso)) / 1000, future = s < 0;
		s = Math.abs(s);
		var t = s < 10 ? s.toFixed(1) + ' s' : s < 90 ? Math.round(s) + ' s' : s < 5400 ? Math.round(s / 60) + ' min'
			: Math.round(s / 3600) + ' h';
		return future ? 'in ' + t : t + ' ago';
	}
	function when(iso) { return iso ? new Date(iso).toLocaleTimeString() + ' (' + ago(iso) + ')' : '–'; }
	function matches(text) { return !filter || text.toLowerCase().indexOf(filter) >= 0; }

	function get(path) {
		return fetch(ACTUATOR + path, { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' })
			.then(function (r) {
				return r.json().then(function (b) { return { status: r.status, body: b }; },
					function () { return { status: r.status, body: null }; });
			}, function () { return { status: 0, body: null }; });
	}
	function usable(r) { return r.body && (r.status === 200 || (r.status === 503 && r.body.status)) ? r.body : null; }

	function refresh() {
		if (busy) { again = true; return; }
		busy = true;
		clearTimeout(timer);
		var calls = [get('/supervisors'), get('/alarms')].concat(healthPaths.map(get));
		Promise.all(calls).then(render).catch(function (e) { stats.errors.push(String(e)); }).then(function () {
			busy = false;
			if (again) { again = false; refresh(); } else { timer = setTimeout(refresh, REFRESH_MS); }
		});
	}

	function render(res) {
		var t0 = performance.now();
		if (res.length === 4 && res[2].status === 404 && res[3].status === 404) {
			healthPaths = ['/health'];
		}
		var reachable = res.some(function (r) { return r.status > 0; });
		renderConnection(reachable);
		if (!reachable) return;
		var sup = usable(res[0]), alarms = usable(res[1]), probes = res.slice(2);
		var checks = (sup && sup.checks) || checksFromHealth(usable(probes[0]));
		last = { sup: sup, alarms: alarms, checks: checks };
		renderNotices(res);
		renderBanner(probes, sup, alarms, checks);
		renderAlarms(alarms);
		renderChecks(checks);
		renderTree(sup);
		stats.refreshes++;
		stats.renderMs = stats.renderMs.slice(-49).concat([performance.now() - t0]);
		if (stats.firstRenderAt === null && sup) stats.firstRenderAt = performance.now();
	}

	function renderConnection(reachable) {
		var now = new Date();
		if (reachable) { lastOk = now; downSince = 0; } else if (!downSince) { downSince = now; }
		badge($('conn-badge'), reachable ? 'REACHABLE' : 'UNREACHABLE');
		cls($('conn-badge'), 'badge ' + (reachable ? 'ok' : 'bad'));
		set($('conn-text'), reachable ? 'Refreshed at ' + now.toLocaleTimeString() + ', every 2 s'
			: 'The application does not answer since ' + downSince.toLocaleTimeString()
				+ (lastOk ? '; showing what it said at ' + lastOk.toLocaleTimeString() : ''));
		document.body.classList.toggle('stale', !reachable);
	}

	function notice(name, r) {
		if (r.status === 404) {
			return name === 'health' && healthPaths.length === 1 ? null : 'The ' + name + ' endpoint is not exposed'
				+ (name === 'readiness' || name === 'liveness' ? ' (set management.endpoint.health.probes.enabled=true)' : '')
				+ ': expose it with ' + EXPOSE;
		}
		if (r.status === 401 || r.status === 403) {
			return 'Not allowed to read the ' + name + ' endpoint (HTTP ' + r.status
				+ '): this page is only as open as the endpoints it reads';
		}
		return r.status >= 400 && !usable(r) ? 'The ' + name + ' endpoint answered HTTP ' + r.status : null;
	}
	function renderNotices(res) {
		var names = ['supervisors', 'alarms'].concat(healthPaths.length === 1 ? ['health'] : ['readiness', 'liveness']);
		var texts = res.map(function (r, i) { return notice(names[i], r); }).filter(Boolean);
		var list = $('notices');
		if (list.__t === texts.join('|')) return;
		list.__t = texts.join('|');
		list.textContent = '';
		texts.forEach(function (t) { list.appendChild(el('li', null, t)); });
	}

	function checksFromHealth(health) {
		var c = health && health.components && health.components.checks;
		if (!c || !c.components) return null;
		return Object.keys(c.components).map(function (name) {
			var d = c.components[name].details || {};
			return { name: name, worker: name + '-check', state: d.state || c.components[name].status,
				consecutivePasses: d.consecutivePasses, passingChecks: d.passingChecks, reason: d.reason,
				lastFailure: d.lastFailure, lastFailureAt: d.lastFailureAt };
		});
	}
	function passes(c) { return Math.min(c.consecutivePasses || 0, c.passingChecks || 0); }
	function progress(c) { return c.passingChecks ? passes(c) + ' of ' + c.passingChecks + ' passing checks' : ''; }

	function whyReadiness(body, alarms, checks) {
		var why = [];
		var comps = body && body.components;
		if (comps) {
			Object.keys(comps).forEach(function (k) { if (comps[k].status !== 'UP') why.push(k + ' is ' + comps[k].status); });
		}
		(checks || []).forEach(function (c) { if (c.state !== 'CONNECTED') why.push('check ' + c.name + ' ' + c.state + ', ' + progress(c)); });
		((alarms && alarms.active) || []).forEach(function (a) {
			if (a.severity === 'CRITICAL' || a.severity === 'MAJOR') why.push(a.id + ' (' + a.severity + ')');
		});
		if (why.length > 6) why = why.slice(0, 6).concat(['…']);
		return why.length ? 'Why: ' + why.join('; ') : 'Every check connected, no CRITICAL or MAJOR alarm.';
	}
	function renderBanner(probes, sup, alarms, checks) {
		var single = healthPaths.length === 1;
		probe($('readiness'), single ? 'Health' : 'Readiness', probes[0], whyReadiness(usable(probes[0]), alarms, checks));
		var root = sup && sup.root;
		var live = root ? (root.state === 'RUNNING' ? 'The root supervisor is running.'
			: 'The root supervisor is ' + root.state + ': the supervision tree gave up.') : '';
		$('liveness').hidden = single;
		if (!single) probe($('liveness'), 'Liveness', probes[1], live);
	}
	function probe(box, name, r, why) {
		var body = usable(r);
		var status = body ? body.status : r.status === 404 ? 'NOT EXPOSED' : 'HTTP ' + r.status;
		var word = name === 'Readiness' ? (status === 'UP' ? 'Ready' : 'Not ready')
			: name === 'Liveness' ? (status === 'UP' ? 'Live' : 'Not live') : name;
		cls(box, 'probe ' + kind(status));
		set(box.querySelector('h2'), name);
		badge(box.querySelector('.badge'), status);
		cls(box.querySelector('.badge'), 'badge ' + kind(status));
		set(box.querySelector('.why'), body ? word + '. ' + why : '');
	}

	/** A table row kept by key: a badge cell, a name cell and two more. */
	function tableRow(rows, key, seen) {
		var row = rows.get(key);
		if (!row) {
			row = el('tr');
			row.el = row;
			row.setAttribute('data-id', key);
			row.td = [el('td'), el('td', 'name'), el('td'), el('td')];
			row.td.forEach(function (cell) { row.appendChild(cell); });
			row.td[0].appendChild(el('span', 'badge'));
			rows.set(key, row);
		}
		seen.add(key);
		return row;
	}
	/** Moves a node to position i only when it is not there: no flicker, no lost focus. */
	function place(parent, node, i) { if (parent.children[i] !== node) parent.insertBefore(node, parent.children[i] || null); }
	function prune(items, seen) { items.forEach(function (v, key) { if (!seen.has(key)) { v.el.remove(); items.delete(key); } }); }

	function renderAlarms(data) {
		var active = (data && data.active) || [];
		var shown = active.filter(function (a) { return matches(a.id + ' ' + a.description); });
		var body = $('alarms').tBodies[0], seen = new Set();
		set($('alarms-count'), data ? '(' + active.length + ' active)' : '');
		$('alarms').hidden = !shown.length;
		shown.slice(0, ALARM_ROWS).forEach(function (a, i) {
			var row = tableRow(alarmRows, a.id, seen);
			badge(row.td[0].firstChild, a.severity);
			set(row.td[1], a.id);
			set(row.td[2], a.description);
			set(row.td[3], when(a.setAt));
			place(body, row, i);
		});
		prune(alarmRows, seen);
		set($('alarms-note'), !data ? '' : !active.length ? 'No active alarm.' : shown.length > ALARM_ROWS
			? 'Showing ' + ALARM_ROWS + ' of ' + shown.length + ' alarms, worst first: narrow them with the filter.'
			: shown.length < active.length ? (active.length - shown.length) + ' hidden by the filter.' : '');
		renderHistory((data && data.history) || []);
	}
	function renderHistory(history) {
		var key = history.length + (history.length ? history[history.length - 1].at : '');
		set($('history-count'), '(' + history.length + ')');
		if (key === historyKey) return;
		historyKey = key;
		var list = $('history-list');
		list.textContent = '';
		history.slice(-HISTORY_ROWS).reverse().forEach(function (t) {
			list.appendChild(el('li', null, new Date(t.at).toLocaleTimeString() + ' ' + t.action + ' ' + t.alarm.id
				+ ' [' + t.alarm.severity + '] ' + t.alarm.description));
		});
	}

	function renderChecks(checks) {
		var body = $('checks').tBodies[0], seen = new Set();
		(checks || []).forEach(function (c, i) {
			var row = tableRow(checkRows, c.name, seen);
			if (!row.bar) {
				row.bar = row.td[2].appendChild(el('progress'));
				row.label = row.td[2].appendChild(el('span'));
			}
			badge(row.td[0].firstChild, c.state);
			set(row.td[1], c.name);
			row.bar.max = c.passingChecks || 1;
			row.bar.value = passes(c);
			set(row.label, progress(c));
			set(row.td[3], c.state === 'CONNECTED' ? '' : [c.reason, c.lastFailure ? 'last failure ' + c.lastFailure
				+ ' at ' + when(c.lastFailureAt) : ''].filter(Boolean).join('; '));
			row.hidden = !matches(c.name);
			place(body, row, i);
		});
		prune(checkRows, seen);
		set($('checks-count'), checks ? '(' + checks.length + ')' : '');
		$('checks').hidden = !(checks && checks.length);
		set($('checks-note'), checks ? (checks.length ? '' : 'No dependency check.')
			: 'Checks are listed by the supervisors endpoint: expose it with ' + EXPOSE);
	}

	function workerStatus(w) {
		if (w.state !== 'RUNNING') return w.state;
		if (w.consecutiveFailures > 0) return 'CRASHING';
		return w.running ? 'RUNNING' : 'SCHEDULED';
	}
	function workersOf(s, into) {
		(s.children || []).forEach(function (c) { if (c.type === 'worker') into.push(c); else workersOf(c, into); });
		return into;
	}
	function restarts(s) {
		return s.intensity ? 'restarts ' + s.restartsInWindow + ' of ' + s.intensity.maxRestarts + ' in ' + s.intensity.period
			: 'restarts ' + s.restartsInWindow;
	}
	function lastRunText(w) {
		var r = w.lastRun;
		if (!r) return 'no run yet';
		return 'last run ' + r.outcome + (r.startedAt ? ' ' + ago(r.startedAt) : '')
			+ (r.durationMillis != null ? ', took ' + r.durationMillis + ' ms' : '');
	}

	function renderTree(sup) {
		var root = sup && sup.root;
		set($('root'), root ? 'Root supervisor' + (root.id === 'root' ? '' : ' ' + root.id) + ': ' + root.state + ', '
			+ root.strategy.toLowerCase()
			+ ', ' + restarts(root) : '');
		if (!root) { set($('tree-note'), 'The tree is read from the supervisors endpoint: expose it with ' + EXPOSE); return; }
		var items = root.children.map(function (c, i) {
			var workers = c.type === 'worker' ? [c] : workersOf(c, []);
			var worst = c.type === 'supervisor' && c.state !== 'RUNNING' ? c.state : null;
			workers.forEach(function (w) {
				var s = workerStatus(w);
				if (worst === null || RANK[kind(s)] < RANK[kind(worst)]) worst = s;
			});
			return { id: c.type === 'worker' ? c.name : c.id, sup: c.type === 'worker' ? null : c, workers: workers,
				status: worst || 'EMPTY', index: i };
		});
		items.sort(function (a, b) { return (RANK[kind(a.status)] - RANK[kind(b.status)]) || (a.index - b.index); });
		var tree = $('tree'), seen = new Set(), crashing = 0, total = 0, shown = 0;
		items.forEach(function (item, i) {
			var g = groups.get(item.id) || createGroup(item.id);
			seen.add(item.id);
			g.item = item;
			updateGroup(g);
			total += item.workers.length;
			if (item.status === 'CRASHING') crashing++;
			g.el.hidden = !matches([item.id].concat(item.workers.map(function (w) { return w.name; })).join(' '));
			if (!g.el.hidden) shown++;
			place(tree, g.el, i);
		});
		prune(groups, seen);
		set($('tree-count'), '(' + total + ' workers, ' + crashing + ' crashing)');
		set($('counts'), filter ? shown + ' of ' + items.length + ' supervisors match' : '');
		set($('tree-note'), items.length && !shown ? 'Nothing matches the filter.' : '');
	}

	function createGroup(id) {
		var g = { el: el('details', 'group'), sum: el('summary'), workers: new Map() };
		g.el.setAttribute('data-id', id);
		g.badge = g.sum.appendChild(el('span', 'badge'));
		g.name = g.sum.appendChild(el('span', 'name'));
		g.meta = g.sum.appendChild(el('span', 'meta'));
		g.err = g.sum.appendChild(el('span', 'err'));
		g.el.appendChild(g.sum);
		g.el.addEventListener('toggle', function () { if (g.el.open) updateGroup(g); });
		groups.set(id, g);
		return g;
	}
	function updateGroup(g) {
		var item = g.item, single = item.workers.length === 1 ? item.workers[0] : null;
		cls(g.el, 'group ' + kind(item.status));
		badge(g.badge, item.status);
		set(g.name, item.id);
		var parts = [];
		if (!single || single.name !== item.id) parts.push(item.workers.length + ' worker' + (item.workers.length === 1 ? '' : 's'));
		if (item.sup) parts.push(restarts(item.sup));
		if (single) parts.push(lastRunText(single), single.nextRun ? 'next ' + ago(single.nextRun) : 'no next run');
		if (single && single.kind === 'CHECK') parts.unshift('dependency check');
		set(g.meta, parts.join(' · '));
		var failing = item.workers.filter(function (w) { return w.consecutiveFailures > 0 && w.lastFailure; });
		set(g.err, failing.map(function (w) {
			return (single ? '' : w.name + ': ') + w.lastFailure.type + ': ' + w.lastFailure.message
				+ ' (' + w.consecutiveFailures + ' failed in a row)';
		}).join('\n'));
		if (g.el.open) item.workers.forEach(function (w) { updateWorker(g, w); });
		g.workers.forEach(function (v, name) {
			if (!item.workers.some(function (w) { return w.name === name; })) { v.el.remove(); g.workers.delete(name); }
		});
	}

	var FIELDS = [['state', 'State'], ['schedule', 'Schedule'], ['runs', 'Runs'], ['failures', 'Failed in a row'],
		['lastRun', 'Last run'], ['exception', 'Exception'], ['lastFailure', 'Last failure'], ['nextRun', 'Next run'],
		['restart', 'Restart'], ['lock', 'Cluster lock']];
	function updateWorker(g, w) {
		var v = g.workers.get(w.name);
		if (!v) {
			v = { el: el('div', 'worker'), dd: {} };
			v.el.setAttribute('data-worker', w.name);
			v.el.appendChild(el('h3', 'name', w.name));
			var dl = v.el.appendChild(el('dl'));
			FIELDS.forEach(function (f) { dl.appendChild(el('dt', null, f[1])); v.dd[f[0]] = dl.appendChild(el('dd')); });
			if (WRITE) {
				var bar = v.el.appendChild(el('div', 'actions')), buttons = {};
				ACTIONS.forEach(function (a) {
					var b = bar.appendChild(el('button', null, a.charAt(0).toUpperCase() + a.slice(1)));
					b.type = 'button';
					b.setAttribute('aria-label', a + ' ' + w.name);
					b.addEventListener('click', function () { act(w.name, a); });
					buttons[a] = b;
				});
				v.buttons = buttons;
			}
			g.workers.set(w.name, v);
		}
		if (g.el.lastChild !== v.el && !v.el.parentNode) g.el.appendChild(v.el);
		var r = w.lastRun || {}, f = w.lastFailure, status = workerStatus(w);
		set(v.dd.state, status + (status !== w.state ? ' (state ' + w.state + ')' : ''));
		set(v.dd.schedule, w.schedule);
		set(v.dd.runs, w.runs);
		set(v.dd.failures, w.consecutiveFailures);
		set(v.dd.lastRun, w.lastRun ? r.outcome + (r.startedAt ? ', started ' + when(r.startedAt) : '')
			+ (r.durationMillis != null ? ', took ' + r.durationMillis + ' ms' : '') : 'no run yet');
		set(v.dd.exception, r.exception ? r.exception.type + ': ' + r.exception.message : '–');
		set(v.dd.lastFailure, f ? f.type + ': ' + f.message + ', ' + when(f.at) : '–');
		set(v.dd.nextRun, w.nextRun ? when(w.nextRun) : '–');
		set(v.dd.restart, w.restart);
		set(v.dd.lock, w.singleton ? (w.singleton.heldByThisInstance ? 'held here' : 'not held here') + ' by '
			+ w.singleton.instance + '; ' + w.singleton.acquiredRuns + ' runs here, ' + w.singleton.skippedRuns
			+ ' skipped, ' + w.singleton.unavailableRuns + ' lock store unreachable' : 'not a cluster singleton');
		if (v.buttons) {
			v.buttons.pause.disabled = w.state === 'PAUSED';
			v.buttons.resume.disabled = w.state !== 'PAUSED';
		}
	}

	function act(worker, action) {
		var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
		var xsrf = /(?:^|; )XSRF-TOKEN=([^;]*)/.exec(document.cookie);
		if (xsrf) headers['X-XSRF-TOKEN'] = decodeURIComponent(xsrf[1]);
		set($('action-result'), action + ' ' + worker + '…');
		fetch(ACTUATOR + '/supervisors/' + encodeURIComponent(worker), { method: 'POST', headers: headers,
			credentials: 'same-origin', body: JSON.stringify({ action: action }) })
			.then(function (r) {
				return r.json().catch(function () { return {}; }).then(function (b) {
					set($('action-result'), r.ok ? action + ' ' + worker + ': done'
						: action + ' ' + worker + ' refused (HTTP ' + r.status + ')' + (b.message ? ': ' + b.message : ''));
				});
			}, function () { set($('action-result'), action + ' ' + worker + ': the application did not answer'); })
			.then(refresh);
	}

	function applyFilter() {
		filter = $('filter').value.trim().toLowerCase();
		if (last) { renderAlarms(last.alarms); renderChecks(last.checks); renderTree(last.sup); }
	}
	$('filter').addEventListener('input', applyFilter);
	$('expand').addEventListener('click', function () { groups.forEach(function (g) { if (!g.el.hidden) g.el.open = true; }); });
	$('collapse').addEventListener('click', function () { groups.forEach(function (g) { g.el.open = false; }); });
	document.addEventListener('keydown', function (e) {
		if (e.key === '/' && document.activeElement.tagName !== 'INPUT') { e.preventDefault(); $('filter').focus(); }
	});
	refresh();
}());
