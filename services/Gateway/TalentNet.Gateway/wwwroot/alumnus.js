// The alumni page: a personal link opens it once (POST …/redeem sets the page's own session cookie),
// then the alumnus reads and changes their own record through /alumni/api/alumni-page.
'use strict';

const links = '/alumni/api/alumni-links';
const api = '/alumni/api/alumni-page';
const consentNames = ['alumniNetwork', 'rehireOutreach', 'recommendationRequest', 'referralAsk'];
const sources = { hr: 'by HR', integration: 'by the HR system', alumnus: 'by you' };
const setStatus = text => { document.getElementById('status').textContent = text; };
const show = (id, visible) => { document.getElementById(id).hidden = !visible; };

async function call(method, path, body) {
  const response = await fetch(path, {
    method, credentials: 'same-origin',
    headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(answer.errors ? Object.values(answer.errors).flat().join(' ') : answer.detail || answer.title || response.statusText);
    error.status = response.status;
    throw error;
  }
  return answer;
}

function held(record) {
  const a = record.alumnus;
  const rows = [
    ['Name', a.fullName], ['Work email', a.workEmail], ['Personal email', a.personalEmail || 'Not given'],
    ['LinkedIn profile', a.linkedInUrl || 'Not given'], ['Department', a.department], ['Role', a.role],
    ['Manager', a.manager.name], ['Started', a.startedOn || 'Not recorded'], ['Last day', a.lastDay], ['Reason for leaving', a.reason],
    ['Would return', a.wouldReturn || 'Not asked'], ['Exit interview notes', record.exitInterview?.notes || 'None'],
    ['Rehire eligibility', a.rehireEligibility], ['HR note on rehiring', a.eligibilityNote || 'None'],
    ['Recommendation', a.recommendationStatus], ['Status', a.status === 'opted-out' ? 'Opted out' : a.status],
  ];
  document.getElementById('held').replaceChildren(...rows.flatMap(([term, value]) => {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dd.dataset.field = term;
    return [dt, dd];
  }));
}

function render(record) {
  held(record);
  const consents = document.getElementById('consents-form');
  for (const name of consentNames) consents.elements[name].checked = record.alumnus.consents[name];
  const contact = document.getElementById('contact-form');
  contact.elements.personalEmail.value = record.alumnus.personalEmail || '';
  contact.elements.linkedInUrl.value = record.alumnus.linkedInUrl || '';
  document.getElementById('history').replaceChildren(...record.consentHistory.map(change => {
    const item = document.createElement('li');
    const given = consentNames.filter(name => change.consents[name]).length;
    item.textContent = `${change.changedAt.slice(0, 10)}: ${given} of ${consentNames.length} consents ${sources[change.source] || ''}`.trim();
    return item;
  }));
  document.getElementById('referrals').replaceChildren(...record.referrals.map(referral => {
    const item = document.createElement('li');
    item.textContent = `${referral.candidateName}${referral.jobTitle ? ` for ${referral.jobTitle}` : ''}: ${referral.status}`;
    return item;
  }));
  document.getElementById('opt-out').disabled = record.alumnus.status === 'opted-out';
  show('record', true);
  show('ask', false);
  show('open-link', false);
  document.querySelector('main').dataset.loaded = 'true';
}

async function loadJobs() {
  const jobs = await call('GET', `${api}/open-jobs?pageSize=100`);
  document.getElementById('refer-form').elements.jobId.replaceChildren(...jobs.items.map(job => {
    const option = document.createElement('option');
    option.value = job.jobId;
    option.textContent = `${job.title} (${job.department}${job.location ? `, ${job.location}` : ''})`;
    return option;
  }));
}

async function load() {
  try {
    render(await call('GET', api));
    await loadJobs();
  } catch (error) {
    if (error.status !== 401 && error.status !== 404) throw error;
    show('record', false);
    show('ask', true);
    setStatus(error.status === 404 ? 'Your record is no longer held.' : '');
    document.querySelector('main').dataset.loaded = 'true';
  }
}

async function act(action, done) {
  try {
    render(await action());
    setStatus(done);
  } catch (error) {
    setStatus(`Not saved: ${error.message}`);
  }
}

function wire() {
  document.getElementById('open').addEventListener('click', async () => {
    const token = location.pathname.split('/').pop();
    try {
      await call('POST', `${links}/${encodeURIComponent(token)}/redeem`);
      history.replaceState(null, '', '/alumnus');
      await load();
      setStatus('Welcome. This is what we hold about you.');
    } catch (error) {
      setStatus(error.message);
      show('open-link', false);
      show('ask', true);
    }
  });
  document.getElementById('ask-form').addEventListener('submit', async event => {
    event.preventDefault();
    try {
      setStatus((await call('POST', links, { email: new FormData(event.target).get('email') })).message);
    } catch (error) {
      setStatus(error.message);
    }
  });
  document.getElementById('consents-form').addEventListener('submit', event => {
    event.preventDefault();
    const form = event.target.elements;
    act(() => call('PUT', `${api}/consents`, Object.fromEntries(consentNames.map(name => [name, form[name].checked]))), 'Your consents are saved.');
  });
  document.getElementById('contact-form').addEventListener('submit', event => {
    event.preventDefault();
    const form = new FormData(event.target);
    act(() => call('PUT', `${api}/contact`, { personalEmail: form.get('personalEmail') || null, linkedInUrl: form.get('linkedInUrl') || null }),
      'Your contact details are saved.');
  });
  document.getElementById('refer-form').addEventListener('submit', event => {
    event.preventDefault();
    const form = new FormData(event.target);
    act(async () => {
      const record = await call('POST', `${api}/referrals`, {
        jobId: form.get('jobId'), candidateName: form.get('candidateName'), candidateEmail: form.get('candidateEmail'),
        profileUrl: form.get('profileUrl') || null, note: form.get('note') || null,
      });
      event.target.reset();
      return record;
    }, 'Thank you: your referral is recorded and goes to the recruiters.');
  });
  document.getElementById('opt-out').addEventListener('click', () => act(() => call('POST', `${api}/opt-out`), 'You opted out: we will not contact you.'));
  document.getElementById('sign-out').addEventListener('click', async () => {
    await call('POST', `${api}/sign-out`);
    show('record', false);
    show('ask', true);
    setStatus('Your page is closed in this browser.');
  });
}

wire();
if (location.pathname.startsWith('/alumnus/link/')) {
  show('open-link', true);
  document.querySelector('main').dataset.loaded = 'true';
} else {
  load();
}
