// Copy buttons on the admin pages: a button with data-copy="ID" copies the
// text of the element with that id and says so in #copy-status.
for (const btn of document.querySelectorAll('button[data-copy]')) {
  btn.addEventListener('click', async () => {
    const status = document.getElementById('copy-status');
    const text = document.getElementById(btn.dataset.copy).textContent;
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = btn.dataset.copied;
    } catch (e) {
      // No clipboard (an insecure page, or refused): select the code so
      // the admin can copy it by hand.
      const range = document.createRange();
      range.selectNodeContents(document.getElementById(btn.dataset.copy));
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      status.textContent = btn.dataset.failed;
    }
  });
}
