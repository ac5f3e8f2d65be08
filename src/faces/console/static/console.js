// The console's only script: the user search answers as you type, and a job's page follows its progress. Without it
// the search form still works and the job's page reloads itself.
const search = document.querySelector('form[data-live-search]');
if (search) {
  const input = search.querySelector('input[name="q"]');
  const results = document.getElementById('user-results');
  let timer;
  let pending;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      pending?.abort();
      pending = new AbortController();
      const query = input.value.trim();
      const url = new URL(search.action);
      if (query) url.searchParams.set('q', query);
      url.searchParams.set('fragment', '1');
      try {
        const response = await fetch(url, { signal: pending.signal, credentials: 'same-origin' });
        if (!response.ok) return;
        // The fragment is the server's own escaped markup, from the same origin.
        results.innerHTML = await response.text();
        history.replaceState(null, '', query ? `?q=${encodeURIComponent(query)}` : location.pathname);
      } catch (error) {
        if (error.name !== 'AbortError') throw error;
      }
    }, 200);
  });
}

const job = document.querySelector('[data-job-progress]');
if (job) {
  const bar = document.getElementById('job-progress');
  const status = document.getElementById('job-status');
  const outcome = document.getElementById('job-outcome');
  const poll = async () => {
    try {
      const response = await fetch(job.dataset.jobProgress, { credentials: 'same-origin' });
      if (response.ok) {
        const state = await response.json();
        bar.value = state.percent;
        bar.textContent = `${state.percent}%`;
        if (status.textContent !== state.text) status.textContent = state.text;
        if (state.finished) {
          if (state.status === 'succeeded' && outcome.querySelector('a')) outcome.hidden = false;
          return;
        }
      }
    } catch {
      // A failed poll is tried again.
    }
    setTimeout(poll, 500);
  };
  void poll();
}
