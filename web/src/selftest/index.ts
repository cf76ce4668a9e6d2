// Placeholder: the self-help test widget is built on the shared foundation by the browser-test work (issue 15, §4).
import { h } from '../shared/dom';
import { define, SteunpuntWidget } from '../shared/widget';
import css from './selftest.css?inline';

class SteunpuntSelfTest extends SteunpuntWidget {
  constructor() {
    super(css);
  }

  protected render(): void {
    this.view.replaceChildren(this.exitBar(), h('p', {}, this.language === 'en' ? 'Self-help test' : 'Zelftest'));
  }
}

define('steunpunt-selftest', SteunpuntSelfTest);
