// Placeholder: the mail form widget is built on the shared foundation by the browser-test work (issue 15, §3).
import { h } from '../shared/dom';
import { define, SteunpuntWidget } from '../shared/widget';
import css from './mail-form.css?inline';

class SteunpuntMailForm extends SteunpuntWidget {
  constructor() {
    super(css);
  }

  protected render(): void {
    this.view.replaceChildren(this.exitBar(), h('p', {}, this.language === 'en' ? 'Mail form' : 'Mailformulier'));
  }
}

define('steunpunt-mail-form', SteunpuntMailForm);
