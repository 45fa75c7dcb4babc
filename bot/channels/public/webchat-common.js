// What the chat page (chat.js) and the volunteer view (volunteer.js) share: the page's settings, the
// error line, React elements for Web Chat, Web Chat's look and the connection to this server's local
// Direct Line (polling). Loaded after Web Chat's bundle and before the page's own script, which finds
// it as window.MeldwijzerWebChat. Served as a file: the pages' CSP (script-src 'self') allows no
// inline script.
(function () {
  'use strict';

  /** The page's settings (JSON data in the page) and the element Web Chat goes into. */
  var config = JSON.parse(document.getElementById('meldwijzer-config').textContent);
  var host = document.getElementById('webchat');

  function dirOf(lang) {
    return lang === 'ar' ? 'rtl' : 'ltr';
  }

  /** Puts the error text, in the page's language, in place of the chat. */
  function problem() {
    host.textContent = '';
    var p = document.createElement('p');
    p.className = 'mw-problem';
    p.setAttribute('role', 'alert');
    p.setAttribute('lang', config.lang);
    p.setAttribute('dir', dirOf(config.lang));
    p.textContent = config.texts.error;
    host.appendChild(p);
  }

  // Web Chat's bundle keeps its React to itself; a React element is a plain object with this tag.
  var ELEMENT = Symbol.for('react.element');
  /** A React element; children that are null, undefined or false are left out. */
  function h(type, props) {
    var p = Object.assign({}, props);
    var key = p.key === undefined ? null : String(p.key);
    delete p.key;
    var children = Array.prototype.slice.call(arguments, 2).filter(function (c) {
      return c !== null && c !== undefined && c !== false;
    });
    if (children.length === 1) p.children = children[0];
    else if (children.length > 1) p.children = children;
    return { $$typeof: ELEMENT, type: type, key: key, ref: null, props: p, _owner: null };
  }

  /**
   * Web Chat's look: large text, big buttons, high contrast, the font for `lang` (the language of
   * the chat). `sizes` gives the page's bubbleMaxWidth and suggestedActionHeight.
   */
  function styleOptions(lang, sizes) {
    return {
      accent: '#00487a',
      subtle: '#4d4d4d',
      timestampColor: '#4d4d4d',
      primaryFont: lang === 'ar' ? "'Noto Sans Arabic', 'Noto Naskh Arabic', Tahoma, Arial, sans-serif" : "'Noto Sans', 'Segoe UI', Arial, sans-serif",
      bubbleBorderRadius: 12,
      bubbleFromUserBorderRadius: 12,
      bubbleBorderColor: '#8c8c8c',
      bubbleFromUserBorderColor: '#00487a',
      bubbleFromUserBackground: '#e6f0f7',
      bubbleMaxWidth: sizes.bubbleMaxWidth,
      bubbleMinWidth: 200,
      bubbleMinHeight: 48,
      paddingRegular: 12,
      avatarSize: 0,
      hideUploadButton: true,
      sendBoxHeight: 56,
      sendBoxButtonColor: '#00487a',
      sendBoxBorderTop: 'solid 2px #8c8c8c',
      sendBoxPlaceholderColor: '#595959',
      suggestedActionLayout: 'flow',
      suggestedActionHeight: sizes.suggestedActionHeight,
      suggestedActionBorderRadius: 10,
      suggestedActionBorderColor: '#00487a',
      suggestedActionTextColor: '#00487a',
      suggestedActionBorderWidth: 2,
      suggestedActionsStackedLayoutButtonTextWrap: true,
      suggestedActionKeyboardFocusIndicatorBorderColor: '#1a1a1a',
      transcriptActivityVisualKeyboardIndicatorColor: '#1a1a1a',
      notificationText: '#3d3d3d',
      scrollToEndButtonBehavior: 'unread'
    };
  }

  /** The body of a JSON answer; an error for any other status. */
  function json(res) {
    if (!res.ok) throw new Error('HTTP ' + res.status);
    return res.json();
  }

  /** A token to start a conversation with: {token, ...}. */
  function fetchToken() {
    return fetch(config.tokenUrl, { method: 'POST', headers: { Accept: 'application/json' }, credentials: 'same-origin' }).then(json);
  }

  /** Web Chat's Direct Line on this server, polling (no WebSocket), with this token. */
  function createDirectLine(token) {
    return window.WebChat.createDirectLine({
      domain: location.origin + config.directLine,
      token: token,
      webSocket: false,
      pollingInterval: 1000,
      conversationStartProperties: { locale: config.locale }
    });
  }

  /** Renders Web Chat into the host with the page's locale, nonce and placeholder, and `options`. */
  function render(directLine, options) {
    window.WebChat.renderWebChat(
      Object.assign(
        {
          directLine: directLine,
          locale: config.locale,
          nonce: config.nonce,
          sendTypingIndicator: false,
          overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: config.texts.placeholder }
        },
        options
      ),
      host
    );
  }

  window.MeldwijzerWebChat = {
    config: config,
    host: host,
    dirOf: dirOf,
    problem: problem,
    h: h,
    styleOptions: styleOptions,
    json: json,
    fetchToken: fetchToken,
    createDirectLine: createDirectLine,
    render: render
  };
})();
