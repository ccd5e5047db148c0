/**
 * The course's JupyterLab extension (also loaded by Voilà, which loads federated extensions):
 * two plugins, each a file of its own.
 */

import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ITranslator } from '@jupyterlab/translation';

import { startNbgrader } from './nbgrader';
import { startQuestionHelpers } from './questions';

/** nbgrader's Assignments tab through the language pack's `nbgrader` domain. */
const nbgraderInMongolian: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-course:nbgrader-translation',
  description: "nbgrader's Assignments tab in the language of Lab's language menu",
  autoStart: true,
  // optional: Voilà has no translator, and there is no Assignments tab there either
  optional: [ITranslator],
  activate: (app: JupyterFrontEnd, translator: ITranslator | null) => {
    if (translator) {
      startNbgrader(app, translator.load('nbgrader'));
    }
  }
};

/** Enter checks a question; the upload button is named by its title. No token needed. */
const questionHelpers: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-course:questions',
  description: 'Enter checks a choice question; the upload button has its accessible name',
  autoStart: true,
  activate: () => {
    startQuestionHelpers(document);
  }
};

export default [nbgraderInMongolian, questionHelpers];
