import type { Model } from '../../utils/api/types';
import { uriUnavailableReason } from '../../utils/models/pick';
import { generateSnippet, SNIPPET_LABELS, type SnippetLanguage } from '../../utils/words/snippets';
import { announce, copyText } from './actions';
import { baseOf } from './model';

// Copying a ready-to-paste generate request, which only a row's menu and a model's page offer:
// apart from ./actions, so that it (and the requests' text) loads with them, after the first paint.

/** A ready-to-paste generate request with the model, or why there can be none. */
export function copySnippet(model: Model, language: SnippetLanguage) {
  const reason = uriUnavailableReason(model);
  if (reason) {
    announce(reason, 'error');
    return Promise.resolve(false);
  }
  const what = `${SNIPPET_LABELS[language].replace('Copy as ', '')} request`;
  return copyText(generateSnippet(language, model.uri!, baseOf(model.id)), what, model);
}
