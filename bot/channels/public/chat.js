// Meldwijzer chat page: starts Web Chat on the local Direct Line (polling) of this server, with a
// read-aloud button under each bot message. Uses webchat-common.js (window.MeldwijzerWebChat).
// Served as a file so the page needs no inline script (Content-Security-Policy: script-src 'self').
(function () {
  'use strict';

  var wc = window.MeldwijzerWebChat;
  var config = wc.config;
  var texts = config.texts;
  var h = wc.h;

  if (!window.WebChat) return wc.problem();

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
  var styleOptions = wc.styleOptions(config.lang, { bubbleMaxWidth: 720, suggestedActionHeight: 56 });

  function start(token) {
    var directLine = wc.createDirectLine(token);
    function render(withReadAloud) {
      wc.render(directLine, { styleOptions: styleOptions, activityStatusMiddleware: readAloudMiddleware(withReadAloud) });
    }
    wc.host.textContent = '';
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

  wc.fetchToken()
    .then(function (body) {
      start(body.token);
    })
    .catch(wc.problem);
})();
