/**
 * nbgrader's Assignments tab in the trainee's language.
 *
 * nbgrader 0.9.6's lab extension writes its panel, buttons and dialogs as English literals
 * (no ITranslator). Rather than fork it, the course translates what it draws: the strings are
 * an `nbgrader` domain of the language pack (gettext, like the pack's other catalogues), loaded
 * through ITranslator, so the tab follows the language menu like the rest of Lab. A
 * MutationObserver scoped to nbgrader's own panel (and its dialogs) rewrites each English text
 * node it knows as nbgrader draws or redraws it; nbgrader's ids and classes are untouched, so
 * its code keeps finding its elements.
 */

import { JupyterFrontEnd } from '@jupyterlab/application';
import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';

/** nbgrader's panel (MainAreaWidget id), its command, and its menu. */
export const PANEL_ID = 'nbgrader-assignment-list';
export const OPEN_COMMAND = 'nbgrader:open-assignment-list';
const MENU_ID = 'jp-mainmenu-nbgrader';
/** nbgrader's dialogs (showNbGraderDialog in its src/common/validate.ts) */
const DIALOGS = '.nbgrader-ErrorDialog, .nbgrader-SuccessDialog';

/**
 * Every English text nbgrader 0.9.6 draws on a trainee's route, as written in its source
 * (assignment_list/index.ts, assignmentlist.ts, common/validate.ts). Each is a msgid of the
 * pack's nbgrader.po; the course's route.yaml lists the same ones for `make translations`.
 */
export const MESSAGES: string[] = [
  'Assignments',
  'Assignment List',
  'Nbgrader',
  'Released, downloaded, and submitted assignments for course:',
  'Loading, please wait...',
  'Refresh assignments list',
  'Released assignments',
  'Downloaded assignments',
  'Submitted assignments',
  'There are no assignments to fetch.',
  'There are no downloaded assignments.',
  'There are no submitted assignments.',
  'Fetch',
  'Fetching...',
  'Submit',
  'submitting...',
  'Fetch Feedback',
  'Fetching Feedback...',
  'Validate',
  'Validating...',
  'Error fetching assignment.',
  'Error submitting assignment.',
  'Error fetching feedback.',
  'Error validating assignment.',
  'Error fetching courses!',
  'No courses found.',
  '(view feedback)',
  '(feedback available to fetch)',
  'Invalid Submission',
  'Assignment not submitted:',
  'Validation Results',
  'Success! Your notebook passes all the tests.',
  'There was an error running the validate command:',
  'The source of the following cell has changed, but it should not have!',
  'The following cell passed:',
  'The following cell failed:',
  'Toggle Dropdown'
];

/** English text (trimmed) -> the same text in the trainee's language. */
export function catalogue(trans: TranslationBundle): Map<string, string> {
  return new Map(MESSAGES.map(msgid => [msgid, trans.__(msgid)]));
}

/**
 * Rewrite the known texts under `root`: text nodes (keeping their surrounding spaces) and the
 * `title` tooltips. Returns how many it changed, so an observer's own writes settle at once.
 */
export function translateTree(root: Node, texts: Map<string, string>): number {
  let changed = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const raw = node.nodeValue ?? '';
    const key = raw.trim();
    const text = key && texts.get(key);
    if (text && text !== key) {
      node.nodeValue = raw.replace(key, text);
      changed++;
    }
  }
  if (root instanceof Element) {
    const titled = [root, ...Array.from(root.querySelectorAll('[title]'))];
    for (const element of titled) {
      const title = element.getAttribute('title');
      const text = title && texts.get(title);
      if (text && text !== title) {
        element.setAttribute('title', text);
        changed++;
      }
    }
  }
  return changed;
}

/** Keep `node` translated: now, and after each of nbgrader's redraws of it. */
export function watch(node: Element, texts: Map<string, string>): MutationObserver {
  translateTree(node, texts);
  const observer = new MutationObserver(() => translateTree(node, texts));
  observer.observe(node, { childList: true, subtree: true, characterData: true });
  return observer;
}

/** The lumino side: the tab's label, the menu's title and its command's label. */
function translateShell(app: JupyterFrontEnd, texts: Map<string, string>): void {
  for (const widget of app.shell.widgets('main')) {
    if (widget.id === PANEL_ID) {
      widget.title.label = texts.get('Assignments') ?? widget.title.label;
    }
  }
  // the menu bar (Lab's MainMenu, a lumino MenuBar in the shell's 'menu' area) holds nbgrader's
  // menu; its title is a lumino Title, so setting it redraws the bar
  for (const bar of app.shell.widgets('menu')) {
    const menus = (bar as unknown as { menus?: ReadonlyArray<Widget> }).menus ?? [];
    for (const menu of menus) {
      if (menu.id === MENU_ID) {
        menu.title.label = texts.get('Nbgrader') ?? menu.title.label;
      }
    }
  }
  // nbgrader registers its command with a fixed English label and lumino has no public way to
  // relabel a command; its registry keeps each command's label as a function in a private map
  // (stable through lumino 2). If that ever changes, only the menu item stays English.
  const registry = (app.commands as unknown as { _commands?: Map<string, { label: unknown }> })
    ._commands;
  const command = registry?.get(OPEN_COMMAND);
  if (command) {
    const label = texts.get('Assignment List') ?? 'Assignment List';
    command.label = () => label;
    app.commands.notifyCommandChanged(OPEN_COMMAND);
  }
}

/** Start: translate the panel whenever nbgrader opens (or restores) it, and its dialogs. */
export function startNbgrader(app: JupyterFrontEnd, trans: TranslationBundle): void {
  const texts = catalogue(trans);
  let watched: Element | null = null;
  const follow = (): void => {
    translateShell(app, texts);
    const panel = document.getElementById(PANEL_ID);
    if (panel && panel !== watched) {
      watched = panel;
      watch(panel, texts);
    }
  };
  app.commands.commandExecuted.connect((_, args) => {
    if (args.id === OPEN_COMMAND) {
      follow();
    }
  });
  void app.restored.then(follow);
  // nbgrader's dialogs are attached to <body> (one child each): watch only body's own children
  const dialogs = new MutationObserver(records => {
    for (const record of records) {
      record.addedNodes.forEach(node => {
        if (node instanceof Element && node.matches(DIALOGS)) {
          watch(node, texts);
        }
      });
    }
  });
  dialogs.observe(document.body, { childList: true });
}
