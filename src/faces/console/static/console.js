// The console's only script: the user search answers as you type. Without it the search form still works.
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
