/* The status page's supervision tree: one collapsible group per sub-supervisor, crashing ones
   first, worker details built when a group opens, and the operator buttons when write access is
   granted. Loaded before status.js, which hands it the page's helpers. */
window.resilienceTree = function (h) {
	'use strict';
	var $ = h.$, el = h.el, set = h.set, cls = h.cls, kind = h.kind, badge = h.badge, ago = h.ago, when = h.when;
	var RANK = { bad: 0, warn: 1, na: 2, ok: 3 };
	var ACTIONS = ['restart', 'pause', 'resume', 'trigger'];
	var groups = new Map();

	function workerStatus(w) {
		if (w.state !== 'RUNNING') return w.state;
		if (w.consecutiveFailures > 0) return 'CRASHING';
		return w.running ? 'RUNNING' : 'SCHEDULED';
	}
	function workersOf(s, into) {
		(s.children || []).forEach(function (c) { if (c.type === 'worker') into.push(c); else workersOf(c, into); });
		return into;
	}
	var UNITS = { ns: 1e-6, us: 1e-3, ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };
	function millis(text) {
		var m = /^(\d+)(ns|us|ms|s|m|h|d)$/.exec(text || '');
		return m ? Number(m[1]) * UNITS[m[2]] : null;
	}
	/* the most restarts its workers can use in one period when each restart waits one interval (no
	   backoff, no cron), or null when that cannot be told from the endpoint */
	function pace(s, workers) {
		var shortest = null;
		var known = workers.length > 0 && workers.every(function (w) {
			var m = /^fixed (delay|rate) (\S+)$/.exec(w.schedule || ''), ms = m && millis(m[2]);
			if (!ms || w.backoff) return false;
			shortest = shortest === null ? ms : Math.min(shortest, ms);
			return true;
		});
		var period = millis(s.intensity.period);
		return known && period ? Math.ceil(period / shortest) : null;
	}
	/* restart intensity as headroom: how far the supervisor is from giving up */
	function restarts(s, workers) {
		if (!s.intensity) return s.restartsInWindow + ' restarts';
		var max = s.intensity.maxRestarts, used = s.restartsInWindow, left = Math.max(0, max - used);
		var p = workers ? pace(s, workers) : null;
		if (p !== null && p < max) {
			return used + ' restart' + (used === 1 ? '' : 's') + ' in the last ' + s.intensity.period
				+ ': restarted for as long as it fails, never gives up (at most ' + p + ' fit in '
				+ s.intensity.period + ', limit ' + max + ')';
		}
		return left + ' restart' + (left === 1 ? '' : 's') + ' to spare before it gives up (' + used + ' of ' + max
			+ ' in ' + s.intensity.period + ')';
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
		if (!root) { set($('tree-note'), 'The tree is read from the supervisors endpoint: expose it with ' + h.expose); return; }
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
			g.el.hidden = !h.matches([item.id].concat(item.workers.map(function (w) { return w.name; })).join(' '));
			if (!g.el.hidden) shown++;
			h.place(tree, g.el, i);
		});
		h.prune(groups, seen);
		set($('tree-count'), '(' + total + ' workers, ' + crashing + ' crashing)');
		set($('counts'), h.filtering() ? shown + ' of ' + items.length + ' supervisors match' : '');
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
		if (item.sup) parts.push(restarts(item.sup, item.workers));
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
		['restart', 'Restart'], ['lock', 'Cluster lock'], ['holder', 'Holder']];
	function updateWorker(g, w) {
		var v = g.workers.get(w.name);
		if (!v) {
			v = { el: el('div', 'worker'), dd: {} };
			v.el.setAttribute('data-worker', w.name);
			v.el.appendChild(el('h3', 'name', w.name));
			var dl = v.el.appendChild(el('dl'));
			FIELDS.forEach(function (f) { dl.appendChild(el('dt', null, f[1])); v.dd[f[0]] = dl.appendChild(el('dd')); });
			if (h.write) {
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
		set(v.dd.holder, holderText(w.singleton));
		if (v.buttons) {
			v.buttons.pause.disabled = w.state === 'PAUSED';
			v.buttons.resume.disabled = w.state !== 'PAUSED';
		}
	}

	/* who holds a cluster singleton: on leases the holder as the database has it, with its token and
	   expiry ("not shown" when details are hidden from this reader); on ShedLock this instance or another */
	function holderText(s) {
		if (!s) return '–';
		var l = s.lease;
		if (!l) return s.heldByThisInstance ? s.instance + ' (this instance)' : 'another instance';
		if (l.holder == null) return 'not shown, token ' + l.token;
		if (l.holder === '') return 'none (released), last token ' + l.token;
		return l.holder + (l.holder === s.instance ? ' (this instance)' : '') + ', token ' + l.token
			+ (l.expiresAt ? ', lease expires ' + when(l.expiresAt) : '');
	}

	function act(worker, action) {
		var headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
		var xsrf = /(?:^|; )XSRF-TOKEN=([^;]*)/.exec(document.cookie);
		if (xsrf) headers['X-XSRF-TOKEN'] = decodeURIComponent(xsrf[1]);
		set($('action-result'), action + ' ' + worker + '…');
		fetch(h.actuator + '/supervisors/' + encodeURIComponent(worker), { method: 'POST', headers: headers,
			credentials: 'same-origin', body: JSON.stringify({ action: action }) })
			.then(function (r) {
				return r.json().catch(function () { return {}; }).then(function (b) {
					set($('action-result'), r.ok ? action + ' ' + worker + ': done'
						: action + ' ' + worker + ' refused (HTTP ' + r.status + ')' + (b.message ? ': ' + b.message : ''));
				});
			}, function () { set($('action-result'), action + ' ' + worker + ': the application did not answer'); })
			.then(h.refresh);
	}

	return { render: renderTree, groups: groups };
};
