// onceload web view. Every value from the service is put into the page with textContent, never as markup:
// file names, errors and rejected records may be hostile. No inline script: the CSP forbids it.
'use strict';

const STATUSES = [
  ['published', 'loaded'], ['skipped', 'same content again'], ['failed', 'failed'],
  ['missing-input', 'no file for the date'], ['no-input', 'inbox was empty'], ['owed', 'fired, not yet run'],
  ['succeeded', 'task succeeded'], ['upstream-failed', 'task not run: upstream failed']
];

function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    node.setAttribute(key, value);
  }
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  return node;
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) {
    throw new Error(body.error || response.statusText);
  }
  return body;
}

function cellLink(cell, pipeline, date) {
  if (cell && cell.run_id) {
    return '/runs/' + encodeURIComponent(cell.run_id);
  }
  return '/api/runs?pipeline=' + encodeURIComponent(pipeline) + '&from=' + date + '&to=' + date;
}

function statusCell(cell, pipeline, date) {
  const td = el('td', { class: 'cell' });
  const status = cell ? cell.status : 'none';
  const link = el('a', { href: cellLink(cell, pipeline, date), class: 'status s-' + status,
    title: pipeline + ' ' + date + ': ' + status, 'data-status': status, 'data-date': date });
  link.textContent = cell && cell.count > 1 ? String(cell.count) : '\u00a0';
  td.appendChild(link);
  return td;
}

let gridEnd = null;

async function showGrid() {
  const query = gridEnd ? '?to=' + gridEnd : '';
  const data = await getJson('/api/pipelines' + query);
  gridEnd = data.to;
  document.getElementById('range').textContent = data.from + ' … ' + data.to;
  const table = document.getElementById('grid');
  table.replaceChildren();
  const head = el('tr');
  head.appendChild(el('th', { scope: 'col' }, 'pipeline'));
  for (const date of data.dates) {
    head.appendChild(el('th', { scope: 'col', class: 'date' }, date.substring(5)));
  }
  table.appendChild(el('thead')).appendChild(head);
  const body = el('tbody');
  for (const pipeline of data.pipelines) {
    const row = el('tr', { class: 'pipeline', 'data-pipeline': pipeline.name });
    const name = el('th', { scope: 'row' });
    if (pipeline.tasks.length > 0) {
      const toggle = el('button', { type: 'button', class: 'toggle', 'aria-expanded': 'false' }, '▸');
      toggle.addEventListener('click', () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        toggle.textContent = open ? '▾' : '▸';
        body.querySelectorAll('tr.task').forEach(r => {
          if (r.dataset.pipeline === pipeline.name) {
            r.hidden = !open;
          }
        });
      });
      name.appendChild(toggle);
    }
    name.appendChild(el('span', { class: 'name' }, pipeline.name));
    if (pipeline.running) {
      name.appendChild(el('span', { class: 'status s-running running-pill' }, 'running'));
    }
    name.appendChild(el('span', { class: 'meta' }, pipeline.table + ' · ' + pipeline.input
      + (pipeline.schedule ? ' · ' + pipeline.schedule : '')));
    row.appendChild(name);
    for (const date of data.dates) {
      row.appendChild(statusCell(pipeline.cells[date], pipeline.name, date));
    }
    body.appendChild(row);
    for (const task of pipeline.tasks) {
      const taskRow = el('tr', { class: 'task', 'data-pipeline': pipeline.name, 'data-task': task.name });
      taskRow.hidden = true;
      taskRow.appendChild(el('th', { scope: 'row', class: 'task-name' }, task.name));
      for (const date of data.dates) {
        taskRow.appendChild(statusCell(task.cells[date], pipeline.name, date));
      }
      body.appendChild(taskRow);
    }
  }
  table.appendChild(body);
  const instances = document.getElementById('instances');
  instances.replaceChildren(...data.instances.map(i => el('li', {},
    i.name + ' — up since ' + i.started_at + (i.running.length ? ', running ' + i.running.join(', ') : ', idle'))));
  if (data.instances.length === 0) {
    instances.appendChild(el('li', { class: 'hint' }, 'no instance has written a heartbeat in the last 30 s'));
  }
  fillActions(data.pipelines);
}

function fillActions(pipelines) {
  const select = document.getElementById('pipeline');
  const chosen = select.value;
  select.replaceChildren(...pipelines.map(p => el('option', { value: p.name }, p.name)));
  if (chosen) {
    select.value = chosen;
  }
  const tasks = () => {
    const pipeline = pipelines.find(p => p.name === select.value);
    document.getElementById('task').replaceChildren(
      ...(pipeline ? pipeline.tasks : []).map(t => el('option', { value: t.name }, t.name)));
  };
  select.onchange = tasks;
  tasks();
}

async function act(action, extra) {
  const message = document.getElementById('message');
  const pipeline = document.getElementById('pipeline').value;
  const body = Object.assign({}, extra);
  const date = document.getElementById('date').value;
  if (date) {
    body.date = date;
  }
  const user = document.getElementById('user').value;
  const password = document.getElementById('password').value;
  const response = await fetch('/api/pipelines/' + encodeURIComponent(pipeline) + '/' + action, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Basic ' + btoa(user + ':' + password) },
    body: JSON.stringify(body)
  });
  const answer = await response.json();
  message.textContent = response.ok ? action + ' of ' + answer.pipeline + ' ' + answer.date + ' started'
    : 'refused (' + response.status + '): ' + answer.error;
  message.className = response.ok ? 'ok' : 'error';
  if (response.ok) {
    setTimeout(() => showGrid().catch(report), 1500);
  }
}

function report(error) {
  const message = document.getElementById('message') || document.getElementById('error');
  message.textContent = String(error.message || error);
  message.className = 'error';
}

function legend() {
  const list = document.getElementById('legend');
  for (const [status, meaning] of STATUSES) {
    const item = el('li');
    item.appendChild(el('span', { class: 'status s-' + status }, '\u00a0'));
    item.appendChild(el('span', {}, status + ' — ' + meaning));
    list.appendChild(item);
  }
}

function table(id, header, rows) {
  const node = document.getElementById(id);
  node.replaceChildren();
  if (rows.length === 0) {
    node.appendChild(el('tr')).appendChild(el('td', { class: 'hint' }, 'none'));
    return;
  }
  const head = el('tr');
  header.forEach(h => head.appendChild(el('th', {}, h)));
  node.appendChild(head);
  for (const row of rows) {
    const tr = el('tr');
    row.forEach(value => tr.appendChild(el('td', {}, value === null || value === undefined ? '' : value)));
    node.appendChild(tr);
  }
}

async function showRun() {
  const id = decodeURIComponent(location.pathname.substring('/runs/'.length));
  const run = await getJson('/api/runs/' + encodeURIComponent(id));
  document.title = 'onceload · ' + run.pipeline + ' ' + run.logical_date;
  const title = document.getElementById('title');
  title.appendChild(el('span', { class: 'status s-' + run.status, 'data-status': run.status }, run.status));
  title.appendChild(document.createTextNode(' ' + run.pipeline + ' · ' + run.logical_date));
  document.getElementById('error').textContent = run.error || '';
  const facts = document.getElementById('facts');
  const started = new Date(run.started_at);
  const finished = new Date(run.finished_at);
  for (const [key, value] of [['run', run.run_id], ['trigger', run.trigger], ['instance', run.instance],
    ['scheduled at', run.scheduled_at], ['started', run.started_at], ['finished', run.finished_at],
    ['duration', ((finished - started) / 1000).toFixed(2) + ' s'], ['file', run.file], ['sha256', run.sha256],
    ['repeats run', run.of_run_id]]) {
    facts.appendChild(el('dt', {}, key));
    const dd = facts.appendChild(el('dd', { 'data-fact': key }));
    if (key === 'repeats run' && value) {
      dd.appendChild(el('a', { href: '/runs/' + encodeURIComponent(value) }, value));
    } else {
      dd.textContent = value === null || value === undefined ? '—' : String(value);
    }
  }
  const kinds = ['rows_read', 'inserted', 'updated', 'unchanged', 'deleted', 'rejected', 'duplicates', 'ignored',
    'stale', 'below_watermark'];
  table('counts', kinds, [kinds.map(k => run[k])]);
  document.getElementById('counts').querySelectorAll('td').forEach((td, i) => td.dataset.count = kinds[i]);
  const rejects = run.rejects.slice(1);
  document.getElementById('rejects-note').textContent = run.rejected > rejects.length
    ? '(first ' + rejects.length + ' of ' + run.rejected + ')' : '';
  table('rejects', ['file', 'line', 'column', 'reason', 'record'], rejects);
  table('tasks', ['task', 'attempt', 'status', 'trigger', 'inserted', 'updated', 'deleted', 'unchanged', 'error'],
    run.tasks.map(t => [t.task, t.attempt, t.status, t.trigger, t.inserted, t.updated, t.deleted, t.unchanged, t.error]));
  table('notifications', ['event', 'target', 'status', 'attempts', 'last error', 'sent'],
    run.notifications.map(n => [n.event, n.target, n.status, n.attempts, n.last_error, n.sent_at]));
}

document.addEventListener('DOMContentLoaded', () => {
  const page = document.body.dataset.page;
  if (page === 'grid') {
    legend();
    const shift = days => {
      const end = new Date(gridEnd + 'T00:00:00Z');
      end.setUTCDate(end.getUTCDate() + days);
      gridEnd = end.toISOString().substring(0, 10);
      showGrid().catch(report);
    };
    document.getElementById('older').addEventListener('click', () => shift(-14));
    document.getElementById('newer').addEventListener('click', () => shift(14));
    document.getElementById('trigger').addEventListener('click', () => act('trigger', {}).catch(report));
    document.getElementById('clear').addEventListener('click', () => act('clear', {
      task: document.getElementById('task').value,
      downstream: document.getElementById('downstream').checked
    }).catch(report));
    showGrid().catch(report);
  } else if (page === 'run') {
    showRun().catch(report);
  }
});
