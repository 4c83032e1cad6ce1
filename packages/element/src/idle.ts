/**
 * Runs `callback` when the page is next idle, or after `timeout` ms at the latest; returns the
 * function that cancels it. Safari has no `requestIdleCallback` (WebKit never shipped it), so
 * there it waits for the page's load event and a timer instead: the model still loads ahead of
 * the first stroke without competing with the page's own start-up.
 */
export function whenIdle(callback: () => void, timeout: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(callback, { timeout });
    return () => cancelIdleCallback(handle);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const afterLoad = () => (timer = setTimeout(callback, 0));
  if (document.readyState === 'complete') afterLoad();
  else window.addEventListener('load', afterLoad, { once: true });
  return () => {
    window.removeEventListener('load', afterLoad);
    clearTimeout(timer);
  };
}
