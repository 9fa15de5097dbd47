// The HR dashboard: every number comes from GET /api/dashboard, shown as it is (cells keep the raw
// value in data-value); each chart has its table beside it, and each table downloads as CSV.
'use strict';

const percent = value => value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)} %`;
const number = value => value === null || value === undefined ? '–' : String(value);
const money = value => value === null || value === undefined ? '–' : Number(value).toFixed(2);

// Each table: where its rows are in the answer and its columns (key, header, format).
const tables = {
  'channels': {
    caption: 'Per channel', rows: d => d.channels.channels,
    columns: d => [['channel', 'Channel'], ['applications', 'Applications'],
      ...stageKeys(d.channels.channels).map(stage => [`stage:${stage}`, `Reached ${stage}`]),
      ['hires', 'Hires'], ['medianDaysToHire', 'Median days to hire'], ['spend', `Spend (${d.currency})`, money],
      ['costPerApplication', 'Cost per application', money], ['costPerHire', 'Cost per hire', money]],
  },
  'channel-trend': {
    caption: 'Applications and hires per month', rows: d => d.channels.trend,
    columns: () => [['month', 'Month'], ['channel', 'Channel'], ['applications', 'Applications'], ['hires', 'Hires']],
  },
  'campaigns': {
    caption: 'Per campaign', rows: d => d.channels.campaigns,
    columns: d => [['channel', 'Channel'], ['campaign', 'Campaign'], ['applications', 'Applications'], ['hires', 'Hires'],
      ['medianDaysToHire', 'Median days to hire'], ['spend', `Spend (${d.currency})`, money],
      ['costPerApplication', 'Cost per application', money], ['costPerHire', 'Cost per hire', money]],
  },
  'top-links': {
    caption: 'Tracking links that brought the most hires', rows: d => d.channels.topLinks,
    columns: () => [['token', 'Link'], ['channel', 'Channel'], ['campaign', 'Campaign'], ['sharedBy', 'Shared by'],
      ['applications', 'Applications'], ['hires', 'Hires']],
  },
  'coverage-by-department': {
    caption: 'Coverage by department', rows: d => d.recommendations.byDepartment,
    columns: () => [['name', 'Department'], ['given', 'Given'], ['consented', 'Consented'], ['share', 'Coverage', percent]],
  },
  'coverage-by-manager': {
    caption: 'Coverage by manager', rows: d => d.recommendations.byManager,
    columns: () => [['name', 'Manager'], ['given', 'Given'], ['consented', 'Consented'], ['share', 'Coverage', percent]],
  },
  'requests': {
    caption: 'Requests by status', rows: d => Object.entries(d.recommendations.requests).map(([status, count]) => ({ status, count })),
    columns: () => [['status', 'Status'], ['count', 'Requests']],
  },
  'boomerang-trend': {
    caption: 'Leavers and boomerangs per month of leaving', rows: d => d.returns.boomerangTrend,
    columns: () => [['month', 'Month'], ['leavers', 'Leavers'], ['returned', 'Came back'], ['share', 'Boomerang rate', percent]],
  },
  'return-by-recommendation': {
    caption: 'Return rate by recommendation outcome (none: never asked)', rows: d => d.returns.returnByRecommendation,
    columns: () => [['quarter', 'Quarter of leaving'], ['outcome', 'Recommendation'], ['leavers', 'Leavers'],
      ['returned', 'Came back'], ['share', 'Return rate', percent]],
  },
};

const figures = {
  recommendations: d => [
    ['coverage', 'Coverage (given ÷ consented)', d.recommendations.coverage.share, percent],
    ['overdue', 'Overdue requests', d.recommendations.overdue, number],
    ['medianDaysToGive', 'Median days to give', d.recommendations.medianDaysToGive, number],
    ['publishedShare', 'Published on LinkedIn', d.recommendations.publishedShare.share, percent],
  ],
  returns: d => [
    ['leavers', 'Leavers', d.returns.leavers, number],
    ['boomerangRate', 'Boomerang rate', d.returns.boomerangRate.share, percent],
    ['boomerangShareOfHires', 'Boomerangs among hires', d.returns.boomerangShareOfHires.share, percent],
    ['medianMonthsAway', 'Median months away', d.returns.medianMonthsAway, number],
    ['referralConversion', 'Alumni referrals hired', d.returns.referralConversion.share, percent],
  ],
};

const charts = {};

function stageKeys(rows) {
  const keys = [];
  rows.forEach(row => row.stages.forEach(stage => { if (!keys.includes(stage.stage)) keys.push(stage.stage); }));
  return keys;
}

function cellValue(row, key) {
  if (key.startsWith('stage:')) {
    const stage = row.stages.find(item => item.stage === key.slice(6));
    return stage ? stage.reached : 0;
  }
  return row[key];
}

function query() {
  const params = new URLSearchParams({ from: document.getElementById('from').value, to: document.getElementById('to').value });
  const department = document.getElementById('department').value;
  if (department) params.set('department', department);
  return params;
}

function renderTable(name, dashboard) {
  const definition = tables[name];
  const host = document.querySelector(`[data-table="${name}"]`);
  const rows = definition.rows(dashboard);
  const columns = definition.columns(dashboard);
  const table = document.createElement('table');
  table.dataset.name = name;
  const caption = table.createCaption();
  caption.textContent = definition.caption;
  const head = table.createTHead().insertRow();
  columns.forEach(([key, header]) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.dataset.key = key;
    th.textContent = header;
    head.appendChild(th);
  });
  const body = table.createTBody();
  rows.forEach(row => {
    const tr = body.insertRow();
    columns.forEach(([key, , format]) => {
      const value = cellValue(row, key);
      const td = tr.insertCell();
      td.dataset.key = key;
      td.dataset.value = value === null || value === undefined ? '' : String(value);
      td.textContent = (format || number)(value);
    });
  });
  if (rows.length === 0) {
    const td = body.insertRow().insertCell();
    td.colSpan = columns.length;
    td.textContent = 'No data';
  }
  const download = document.createElement('button');
  download.type = 'button';
  download.textContent = `Download “${definition.caption}” as CSV`;
  download.addEventListener('click', () => downloadCsv(name));
  const scroll = document.createElement('div');
  scroll.className = 'scroll';
  scroll.tabIndex = 0;
  scroll.setAttribute('role', 'region');
  scroll.setAttribute('aria-label', definition.caption);
  scroll.appendChild(table);
  host.replaceChildren(scroll, download);
}

async function downloadCsv(name) {
  const params = query();
  params.set('table', name);
  const response = await fetch(`/api/dashboard?${params}`, { headers: { Accept: 'text/csv' }, credentials: 'same-origin' });
  if (!response.ok) {
    setStatus(`The table could not be downloaded (${response.status}).`);
    return;
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = `talentnet-${name}-${params.get('from')}-${params.get('to')}.csv`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(link.href);
}

function renderFigures(section, dashboard) {
  const list = document.querySelector(`[data-figures="${section}"]`);
  list.replaceChildren(...figures[section](dashboard).flatMap(([key, label, value, format]) => {
    const term = document.createElement('dt');
    term.textContent = label;
    const detail = document.createElement('dd');
    detail.dataset.key = key;
    detail.dataset.value = value === null || value === undefined ? '' : String(value);
    detail.textContent = format(value);
    return [term, detail];
  }));
}

function chart(id, config) {
  if (charts[id]) charts[id].destroy();
  config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options);
  charts[id] = new Chart(document.getElementById(id), config);
}

function renderCharts(d) {
  const channels = d.channels.channels;
  chart('chart-channels', {
    type: 'bar',
    data: { labels: channels.map(row => row.channel), datasets: [
      { label: 'Applications', data: channels.map(row => row.applications) },
      { label: 'Hires', data: channels.map(row => row.hires) }] },
  });
  // The six channels that bring the most applications, and all hires: a trend stays readable.
  const months = [...new Set(d.channels.trend.map(row => row.month))];
  const top = channels.slice(0, 6).map(row => row.channel);
  const monthly = (channel, key) => months.map(month => d.channels.trend.filter(row => row.month === month && (channel === null || row.channel === channel)).reduce((sum, row) => sum + row[key], 0));
  chart('chart-channel-trend', {
    type: 'line',
    data: { labels: months, datasets: [
      ...top.map(channel => ({ label: `${channel}: applications`, data: monthly(channel, 'applications') })),
      { label: 'hires, all channels', borderDash: [6, 4], data: monthly(null, 'hires') }] },
  });
  const departments = d.recommendations.byDepartment;
  chart('chart-coverage', {
    type: 'bar',
    data: { labels: departments.map(row => row.name), datasets: [{ label: 'Coverage (%)', data: departments.map(row => row.share === null ? 0 : row.share * 100) }] },
    options: { scales: { y: { min: 0, max: 100 } } },
  });
  const statuses = Object.keys(d.recommendations.requests);
  chart('chart-requests', {
    type: 'doughnut',
    data: { labels: statuses, datasets: [{ label: 'Requests', data: statuses.map(status => d.recommendations.requests[status]) }] },
  });
  const trend = d.returns.boomerangTrend;
  chart('chart-boomerang-trend', {
    type: 'bar',
    data: { labels: trend.map(row => row.month), datasets: [
      { label: 'Leavers', data: trend.map(row => row.leavers) },
      { label: 'Came back', data: trend.map(row => row.returned) }] },
  });
  const outcomes = d.returns.returnByRecommendation;
  const quarters = [...new Set(outcomes.map(row => row.quarter))];
  chart('chart-return-by-recommendation', {
    type: 'bar',
    data: { labels: quarters, datasets: [...new Set(outcomes.map(row => row.outcome))].map(outcome => ({
      label: outcome === 'none' ? 'never asked' : outcome,
      data: quarters.map(quarter => { const row = outcomes.find(item => item.quarter === quarter && item.outcome === outcome); return row && row.share !== null ? row.share * 100 : 0; }),
    })) },
    options: { scales: { y: { min: 0, max: 100, title: { display: true, text: 'Came back (%)' } } } },
  });
}

function setStatus(text) {
  document.getElementById('status').textContent = text;
}

function fillDepartments(departments, selected) {
  const select = document.getElementById('department');
  const options = [new Option('All departments', ''), ...departments.map(name => new Option(name, name))];
  select.replaceChildren(...options);
  select.value = selected || '';
}

async function load() {
  setStatus('Loading…');
  const response = await fetch(`/api/dashboard?${query()}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) {
    const errors = body.errors ? Object.values(body.errors).flat().join(' ') : body.detail || body.title;
    setStatus(`The dashboard could not be shown: ${errors}`);
    return;
  }
  fillDepartments(body.departments, body.department);
  Object.keys(tables).forEach(name => renderTable(name, body));
  Object.keys(figures).forEach(section => renderFigures(section, body));
  renderCharts(body);
  document.querySelector('[data-empty="channels"]').hidden = body.channels.channels.length > 0;
  document.querySelector('[data-empty="recommendations"]').hidden = body.recommendations.coverage.of > 0 || body.recommendations.byDepartment.length > 0;
  document.querySelector('[data-empty="returns"]').hidden = body.returns.leavers > 0 || body.returns.boomerangShareOfHires.of > 0;
  setStatus(`Showing ${body.from} to ${body.to}${body.department ? ` for ${body.department}` : ''}.`);
  document.getElementById('dashboard').dataset.loaded = 'true';
}

function defaultWindow() {
  const now = new Date();
  const month = date => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
  document.getElementById('to').value = month(now);
  document.getElementById('from').value = month(new Date(now.getFullYear(), now.getMonth() - 11, 1));
}

async function start() {
  const who = document.getElementById('who');
  const response = await fetch('/api/me', { credentials: 'same-origin' });
  if (!response.ok) {
    who.textContent = 'Not signed in. ';
    const link = document.createElement('a');
    link.href = '/sign-in';
    link.textContent = 'Sign in';
    who.appendChild(link);
    return;
  }
  const me = await response.json();
  who.textContent = `Signed in as ${me.name} (${me.roles.join(', ')}).`;
  if (!me.roles.includes('hr') && !me.roles.includes('admin')) return;
  document.getElementById('dashboard').hidden = false;
  defaultWindow();
  document.getElementById('filters').addEventListener('submit', event => { event.preventDefault(); load(); });
  await load();
}

start();
