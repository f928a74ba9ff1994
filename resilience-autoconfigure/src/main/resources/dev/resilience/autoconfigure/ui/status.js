/* The resilience starter's status page: reads /supervisors, /alarms and /health from Actuator
   every 2 s and updates the page in place. No dependency, no build step. */
(function () {
	'use strict';
	var ACTUATOR = document.documentElement.getAttribute('data-actuator');
	var WRITE = document.documentElement.getAttribute('data-write') === 'true';
	var EXPOSE = 'management.endpoints.web.exposure.include=supervisors,alarms,health';
	var REFRESH_MS = 2000, ALARM_ROWS = 200, HISTORY_ROWS = 50;
	var CLASSES = { UP: 'ok', CONNECTED: 'ok', RUNNING: 'ok', SCHEDULED: 'ok', DEGRADED: 'warn', PAUSED: 'warn',
		PARKED: 'warn', STOPPED: 'warn', OUT_OF_SERVICE: 'bad', MAJOR: 'warn', MINOR: 'warn', WARNING: 'warn',
		DOWN: 'bad', CRASHING: 'bad', CRITICAL: 'bad', FAILED: 'bad' };
	var stats = window.resilienceStatus = { refreshes: 0, renderMs: [], firstRenderAt: null, errors: [] };
	window.addEventListener('error', function (e) { stats.errors.push(String(e.message)); });

	var $ = function (id) { return document.getElementById(id); };
	var alarmRows = new Map(), checkRows = new Map();
	var healthPaths = ['/health/readiness', '/health/liveness'];
	var filter = '', last = null, lastOk = 0, downSince = 0, timer = 0, busy = false, again = false, historyKey = '';
	/* server clock minus browser clock, from the supervisors endpoint's serverTime: times are shown
	   against the server's clock, whatever the browser's says */
	var skewMs = 0;
	function now() { return Date.now() + skewMs; }

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
		var s = (now() - Date.parse(iso)) / 1000, future = s < 0;
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
		var sent = Date.now();
		var calls = [get('/supervisors').then(function (r) {
			var at = r.body && r.body.serverTime && Date.parse(r.body.serverTime);
			if (at) { skewMs = at - (sent + Date.now()) / 2; stats.skewMs = skewMs; }
			return r;
		}), get('/alarms')].concat(healthPaths.map(get));
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
		tree.render(sup);
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
		if (r.status === 200 && !r.body) return 'The ' + name + ' endpoint did not answer JSON (is a login page in the way?)';
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
	function passive(c) {
		if (!c.passiveFailures) return '';
		return 'passive: ' + (c.reportedFailures || 0) + ' of ' + c.passiveFailures + ' failed calls'
			+ (c.passiveTriggers ? ', ' + c.passiveTriggers + ' triggered run' + (c.passiveTriggers === 1 ? '' : 's') : '');
	}

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
		var news = ((alarms && alarms.active) || []).filter(function (a) {
			return a.severity === 'MINOR' || a.severity === 'WARNING';
		}).map(function (a) { return a.id + ' (' + a.severity + ')'; });
		return (why.length ? 'Why: ' + why.join('; ') + '.' : 'Every check connected, no CRITICAL or MAJOR alarm.')
			+ ' Readiness is decided by the dependency checks and by CRITICAL and MAJOR alarms; MINOR and WARNING'
			+ ' alarms are news for people and never take the instance out of rotation'
			+ (news.length ? ' (set now, not deciding: ' + news.slice(0, 6).join(', ') + (news.length > 6 ? ', …' : '') + ')'
				: '') + '.';
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
			set(row.label, [progress(c), passive(c)].filter(Boolean).join('; '));
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

	function applyFilter() {
		filter = $('filter').value.trim().toLowerCase();
		if (last) { renderAlarms(last.alarms); renderChecks(last.checks); tree.render(last.sup); }
	}
	$('filter').addEventListener('input', applyFilter);
	var tree = window.resilienceTree({ $: $, el: el, set: set, cls: cls, kind: kind, badge: badge, ago: ago, when: when,
		matches: matches, filtering: function () { return filter !== ''; }, place: place, prune: prune, refresh: refresh,
		actuator: ACTUATOR, write: WRITE, expose: EXPOSE });
	$('expand').addEventListener('click', function () { tree.groups.forEach(function (g) { if (!g.el.hidden) g.el.open = true; }); });
	$('collapse').addEventListener('click', function () { tree.groups.forEach(function (g) { g.el.open = false; }); });
	document.addEventListener('keydown', function (e) {
		if (e.key === '/' && document.activeElement.tagName !== 'INPUT') { e.preventDefault(); $('filter').focus(); }
	});
	refresh();
}());
