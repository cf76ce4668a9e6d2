import { define, SteunpuntWidget } from '../shared/widget';
import { h } from '../shared/dom';
import css from './chat.css?inline';

class SteunpuntChat extends SteunpuntWidget {
  constructor() {
    super(css);
  }
  protected render(): void {
    this.view.replaceChildren(h('button', { type: 'button' }, 'Chat'));
  }
}
define('steunpunt-chat', SteunpuntChat);
