/**
 * Keys and names on the course's questions, in JupyterLab and in Voilà alike (Voilà 0.5 loads
 * every federated lab extension, so this one file serves both; it needs no Lab token).
 *
 * - Enter on a radio button, a checkbox or a dropdown of a question (`.cl-quiz`, drawn by
 *   course_lib/widgets/quiz_kinds.py) checks it, as the Check button (`.cl-check`) does. A text
 *   answer is left alone: the kernel already checks it on Enter (its own "submit" message), and a
 *   second click would check it twice. The event stops here so Lab's notebook does not also take
 *   Enter as "edit this cell".
 * - The upload button (`.cl-upload`, course_lib/widgets/progress_panel.py) is named by its
 *   title: ipywidgets' FileUpload always writes "label (N)" into the button, and page.css only
 *   hides that text from the eye, so screen readers would hear «… (0)» without an aria-label.
 */

const CHOICE = 'input[type="radio"], input[type="checkbox"], select';

export function onQuestionKey(event: KeyboardEvent): void {
  if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) {
    return;
  }
  const target = event.target as Element | null;
  if (!target || !target.matches || !target.matches(CHOICE)) {
    return;
  }
  const question = target.closest('.cl-quiz');
  // one button: `.cl-check` until the answer is checked, then `.cl-retry` (the same button)
  const button = question?.querySelector<HTMLButtonElement>('button.cl-check, button.cl-retry');
  if (!button) {
    return;
  }
  // swallowed even when the question is already checked: Enter must never edit the cell
  // instead, nor press Retry and clear the answer just checked
  event.preventDefault();
  event.stopPropagation();
  if (button.classList.contains('cl-check') && !button.disabled) {
    button.click();
  }
}

/** Give every upload button under `root` its title as its accessible name. */
export function nameUploadButtons(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('.cl-upload').forEach(button => {
    const title = button.getAttribute('title');
    if (title && button.getAttribute('aria-label') !== title) {
      button.setAttribute('aria-label', title);
    }
  });
}

/**
 * Start both for the whole page: one keydown listener in the capture phase (before Lab's own
 * keyboard shortcuts see the key), and one observer that names upload buttons as widgets are
 * drawn (they appear whenever a cell runs, and their title changes with the language).
 */
export function startQuestionHelpers(doc: Document = document): void {
  // on the window, capturing: it sees the key before any listener on the document (Lab's)
  (doc.defaultView ?? window).addEventListener('keydown', onQuestionKey, true);
  nameUploadButtons(doc);
  let pending = false;
  const observer = new MutationObserver(() => {
    // one pass per animation frame however many widgets were drawn in it
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        nameUploadButtons(doc);
      });
    }
  });
  observer.observe(doc.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['title']
  });
}
