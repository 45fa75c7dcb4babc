// Meldwijzer chat page: starts Web Chat on the local Direct Line (polling) of this server.
// Served as a file so the page needs no inline script (Content-Security-Policy: script-src 'self').
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('meldwijzer-config').textContent);
  var host = document.getElementById('webchat');
  var texts = config.texts;

  function problem() {
    host.textContent = '';
    var p = document.createElement('p');
    p.className = 'problem';
    p.setAttribute('role', 'alert');
    p.textContent = texts.error;
    host.appendChild(p);
  }

  if (!window.WebChat) return problem();

  // Web Chat's bundle keeps its React to itself; a React element is a plain object with this tag.
  var ELEMENT = Symbol.for('react.element');
  function h(type, props) {
    var p = Object.assign({}, props);
    var key = p.key === undefined ? null : String(p.key);
    delete p.key;
    var children = Array.prototype.slice.call(arguments, 2);
    if (children.length === 1) p.children = children[0];
    else if (children.length > 1) p.children = children;
    return { $$typeof: ELEMENT, type: type, key: key, ref: null, props: p, _owner: null };
  }

  // ---- Read aloud: the browser's own speech (speechSynthesis), only with a voice on this device.
  var synth = window.speechSynthesis;
  var langPrefix = config.speechLang.slice(0, 2).toLowerCase();

  function localVoice() {
    if (!synth) return undefined;
    var voices = synth.getVoices().filter(function (v) {
      return v.localService && v.lang && v.lang.slice(0, 2).toLowerCase() === langPrefix;
    });
    return (
      voices.filter(function (v) {
        return v.lang.replace('_', '-').toLowerCase() === config.speechLang.toLowerCase();
      })[0] || voices[0]
    );
  }

  function plain(text) {
    return String(text || '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // [label](url) → label
      .replace(/[*_`#>]+/g, '')
      .replace(/\s*\n+\s*/g, '. ')
      .replace(/\.\s*\./g, '.')
      .trim();
  }

  function speakable(activity) {
    var parts = [plain(activity.text)];
    var actions = (activity.suggestedActions && activity.suggestedActions.actions) || [];
    if (actions.length) {
      parts.push(
        texts.choices +
          ' ' +
          actions
            .map(function (a) {
              return a.title || a.value;
            })
            .join(', ') +
          '.'
      );
    }
    return parts.join(' ');
  }

  function readAloud(activity) {
    var voice = localVoice();
    if (!voice) return;
    if (synth.speaking || synth.pending) {
      synth.cancel();
      return;
    }
    var u = new SpeechSynthesisUtterance(speakable(activity));
    u.lang = voice.lang || config.speechLang;
    u.voice = voice;
    u.rate = 0.9;
    synth.speak(u);
  }

  /** A new middleware per render, so Web Chat redraws the status lines when voices arrive. */
  function readAloudMiddleware(withButton) {
    return function () {
      return function (next) {
        return function () {
          var args = arguments;
          var activity = args[0] && args[0].activity;
          var status = next.apply(null, args);
          var fromBot = activity && activity.from && activity.from.role === 'bot';
          if (!withButton || !fromBot || activity.type !== 'message' || !activity.text) return status;
          return h(
            'span',
            { className: 'mw-status' },
            status || null,
            h(
              'button',
              {
                key: 'read',
                type: 'button',
                className: 'mw-read',
                onClick: function () {
                  readAloud(activity);
                }
              },
              texts.readAloud
            )
          );
        };
      };
    };
  }

  // ---- Web Chat: large text, big buttons, right-to-left in Arabic.
  var styleOptions = {
    accent: '#00487a',
    subtle: '#4d4d4d',
    timestampColor: '#4d4d4d',
    primaryFont: config.lang === 'ar' ? "'Noto Sans Arabic', 'Noto Naskh Arabic', Tahoma, Arial, sans-serif" : "'Noto Sans', 'Segoe UI', Arial, sans-serif",
    bubbleBorderRadius: 12,
    bubbleFromUserBorderRadius: 12,
    bubbleBorderColor: '#8c8c8c',
    bubbleFromUserBorderColor: '#00487a',
    bubbleFromUserBackground: '#e6f0f7',
    bubbleMaxWidth: 720,
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
    suggestedActionHeight: 56,
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

  function start(token) {
    var directLine = window.WebChat.createDirectLine({
      domain: location.origin + config.directLine,
      token: token,
      webSocket: false,
      pollingInterval: 1000,
      conversationStartProperties: { locale: config.locale }
    });
    function render(withReadAloud) {
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          locale: config.locale,
          nonce: config.nonce,
          styleOptions: styleOptions,
          sendTypingIndicator: false,
          overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: texts.placeholder },
          activityStatusMiddleware: readAloudMiddleware(withReadAloud)
        },
        host
      );
    }
    host.textContent = '';
    var speaking = !!localVoice();
    render(speaking);
    // Voices often arrive after the first render: add the read-aloud buttons once they do.
    if (synth && !speaking && synth.addEventListener) {
      synth.addEventListener('voiceschanged', function onVoices() {
        if (!localVoice()) return;
        synth.removeEventListener('voiceschanged', onVoices);
        render(true);
      });
    }
  }

  fetch(config.tokenUrl, { method: 'POST', headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then(function (res) {
      if (!res.ok) throw new Error('token ' + res.status);
      return res.json();
    })
    .then(function (body) {
      start(body.token);
    })
    .catch(problem);
})();
