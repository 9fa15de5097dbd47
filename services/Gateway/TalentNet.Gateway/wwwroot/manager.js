// The former manager's page: their own requests (GET /recommendations/api/recommendation-requests
// answers a manager with theirs only), and the three things they do: give, decline, publish.
'use strict';

const api = '/recommendations/api/recommendation-requests';
const intents = { yes: 'Yes', maybe: 'Maybe', no: 'No' };
const states = { requested: 'Waiting for you', given: 'Given', declined: 'Declined', expired: 'Expired', cancelled: 'Withdrawn' };

const setStatus = text => { document.getElementById('status').textContent = text; };

async function send(path, body) {
  const response = await fetch(path, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const errors = answer.errors ? Object.values(answer.errors).flat().join(' ') : answer.detail || answer.title || response.statusText;
    throw new Error(errors);
  }
  return answer;
}

function field(item, name, value) {
  item.querySelector(`[data-field="${name}"]`).textContent = value;
}

function render(request, focused) {
  const item = document.getElementById('request').content.firstElementChild.cloneNode(true);
  item.id = `request-${request.id}`;
  item.dataset.status = request.status;
  const heading = item.querySelector('[data-field="title"]');
  heading.id = `title-${request.id}`;
  heading.textContent = request.alumnusName;
  item.querySelector('article').setAttribute('aria-labelledby', heading.id);
  field(item, 'role', request.alumnusRole || '–');
  field(item, 'department', request.department);
  field(item, 'lastDay', request.lastDay);
  field(item, 'dueOn', request.overdue ? `${request.dueOn} (overdue)` : request.dueOn);
  field(item, 'wouldReturn', request.wouldReturn ? intents[request.wouldReturn] : 'Not asked');
  field(item, 'state', states[request.status] || request.status);
  const linkedIn = item.querySelector('[data-field="linkedIn"]');
  if (request.alumnusLinkedInUrl) {
    const link = document.createElement('a');
    link.href = request.alumnusLinkedInUrl;
    link.rel = 'noopener';
    link.target = '_blank';
    link.textContent = `${request.alumnusName} on LinkedIn`;
    linkedIn.appendChild(link);
  } else {
    linkedIn.textContent = 'Not given';
  }

  const open = request.status === 'requested';
  for (const form of item.querySelectorAll('[data-form="give"], [data-form="decline"]')) form.hidden = !open;

  item.querySelector('[data-form="give"]').addEventListener('submit', async event => {
    event.preventDefault();
    const form = new FormData(event.target);
    await act(() => send(`${api}/${request.id}/give`, {
      text: form.get('text'), wouldRehire: form.get('wouldRehire') === 'true',
      strengths: String(form.get('strengths') || '').split(',').map(s => s.trim()).filter(Boolean),
    }), 'Thank you: your recommendation is recorded.');
  });
  item.querySelector('[data-form="decline"]').addEventListener('submit', async event => {
    event.preventDefault();
    await act(() => send(`${api}/${request.id}/decline`, { reason: new FormData(event.target).get('reason') }), 'Recorded: you declined.');
  });

  const linkedInPart = item.querySelector('[data-part="linkedin"]');
  linkedInPart.hidden = !(request.status === 'given' && !request.publishedUrl);
  item.querySelector('[data-field="prefill"]').value = request.text || '';
  item.querySelector('[data-action="copy"]').addEventListener('click', async () => {
    await navigator.clipboard?.writeText(request.text || '');
    setStatus('The text is copied; paste it on LinkedIn.');
  });
  item.querySelector('[data-form="publish"]').addEventListener('submit', async event => {
    event.preventDefault();
    await act(() => send(`${api}/${request.id}/publish`, { url: new FormData(event.target).get('url') }), 'Recorded: the recommendation is on LinkedIn.');
  });
  if (request.publishedUrl) field(item, 'state', `Given and published on LinkedIn`);
  if (focused) item.classList.add('focused');
  return item;
}

async function act(action, done) {
  try {
    await action();
    await load();
    setStatus(done);
  } catch (error) {
    setStatus(`Not recorded: ${error.message}`);
  }
}

async function load() {
  const response = await fetch(`${api}?pageSize=100`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    setStatus('Your requests could not be shown.');
    return;
  }
  const page = await response.json();
  const focus = (location.pathname.match(/^\/manager\/requests\/([0-9a-f-]{36})$/) || [])[1];
  const open = page.items.filter(request => request.status === 'requested');
  const done = page.items.filter(request => request.status !== 'requested');
  document.getElementById('open').replaceChildren(...open.map(request => render(request, request.id === focus)));
  document.getElementById('done').replaceChildren(...done.map(request => render(request, request.id === focus)));
  document.getElementById('none-open').hidden = open.length > 0;
  document.getElementById('none-done').hidden = done.length > 0;
  document.querySelector('main').dataset.loaded = 'true';
}

async function start() {
  const who = document.getElementById('who');
  const response = await fetch('/api/me', { credentials: 'same-origin' });
  if (!response.ok) {
    who.textContent = 'Not signed in. ';
    const link = document.createElement('a');
    link.href = `/sign-in?returnUrl=${encodeURIComponent(location.pathname)}`;
    link.textContent = 'Sign in';
    who.appendChild(link);
    return;
  }
  const me = await response.json();
  who.textContent = `Signed in as ${me.email || me.name}.`;
  await load();
}

start();
