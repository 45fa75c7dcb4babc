// Meldwijzer volunteer view (/vrijwilligers): Web Chat on the local Direct Line, in volunteer mode.
// Every message the page sends carries channelData.meldwijzerView = {pair: <volunteer language>};
// the bot then sends each reply in the client's language (the Web Chat bubble) with the same reply
// in the volunteer's language (channelData.meldwijzerSecond), and with an answer its rule, legal
// basis and amounts (meldwijzerDetails) and the facts to print it (meldwijzerAnswer). This script
// shows those next to the bubble. Uses webchat-common.js (window.MeldwijzerWebChat). Served as a
// file: the page's CSP allows no inline script.
(function () {
  'use strict';

  var wc = window.MeldwijzerWebChat;
  var config = wc.config;
  var texts = config.texts;
  var h = wc.h;
  var dirOf = wc.dirOf;

  if (!window.WebChat || !window.fetch) return wc.problem();

  /** The client's language of a bot message (ar-SA → ar). */
  function languageOf(activity) {
    var l = String(activity.locale || '').slice(0, 2).toLowerCase();
    return config.languageNames[l] ? l : config.client;
  }

  /** The bot's text: paragraphs split by an empty line; a paragraph of "- " lines is a list. */
  function paragraphs(text) {
    return String(text || '')
      .split(/\n{2,}/)
      .filter(function (p) {
        return p.trim();
      })
      .map(function (p, i) {
        var lines = p.split('\n');
        var isList = lines.every(function (l) {
          return /^\s*-\s+/.test(l);
        });
        if (!isList) return h('p', { key: 'p' + i, className: 'mw-second__text' }, p);
        return h(
          'ul',
          { key: 'p' + i },
          lines.map(function (l, j) {
            return h('li', { key: j }, l.replace(/^\s*-\s+/, ''));
          })
        );
      });
  }

  function cite(text, url, key) {
    return url ? h('a', { key: key, href: url }, text) : h('span', { key: key }, text);
  }

  function unverified(key) {
    return h('strong', { key: key, className: 'mw-unverified' }, texts.unverified);
  }

  /** Rule, legal basis, amounts with the date from which they are valid, sources. */
  function details(d) {
    var amounts = d.amounts || [];
    var table = amounts.length
      ? h(
          'table',
          { key: 'amounts', className: 'mw-table' },
          h('caption', { key: 'c' }, texts.amounts),
          h(
            'thead',
            { key: 'h' },
            h(
              'tr',
              null,
              h('th', { key: 'a', scope: 'col' }, texts.amount),
              h('th', { key: 'v', scope: 'col' }, texts.value),
              h('th', { key: 'f', scope: 'col' }, texts.from),
              h('th', { key: 's', scope: 'col' }, texts.source)
            )
          ),
          h(
            'tbody',
            { key: 'b' },
            amounts.map(function (a, i) {
              return h(
                'tr',
                { key: 'r' + i },
                h('th', { key: 'a', scope: 'row' }, a.label),
                h('td', { key: 'v' }, h('bdi', { key: 'b' }, a.shown), a.verified ? null : ' ', a.verified ? null : unverified('u')),
                h('td', { key: 'f' }, a.validFromShown),
                h('td', { key: 's' }, cite(a.cite, a.url, 'c'))
              );
            })
          )
        )
      : null;
    var sources = (d.sources || []).length
      ? h(
          'div',
          { key: 'sources', className: 'mw-sources' },
          h('p', { key: 'l', className: 'mw-label' }, texts.sources),
          h(
            'ul',
            { key: 'u' },
            d.sources.map(function (s, i) {
              return h('li', { key: i }, cite(s.cite, s.url, 'c'));
            })
          )
        )
      : null;
    return h(
      'div',
      { key: 'details', className: 'mw-details' },
      h('h3', { key: 'h' }, texts.heading),
      h(
        'p',
        { key: 'rule', className: 'mw-rule' },
        h('span', { key: 'l', className: 'mw-label' }, texts.rule + ': '),
        cite(d.rule.cite, d.rule.url, 'c'),
        d.rule.verified ? null : ' ',
        d.rule.verified ? null : unverified('u')
      ),
      table,
      sources,
      d.unverified ? h('p', { key: 'note', className: 'mw-note' }, texts.unverifiedNote) : null
    );
  }

  /** The answer sheet for the client: the server works the answer out again from these facts. */
  function printHref(activity, answer) {
    var enc = encodeURIComponent;
    var q = ['lang=' + enc(languageOf(activity)), 'v=' + enc(config.lang), 'topic=' + enc(answer.topic), 'outcome=' + enc(answer.outcome)];
    Object.keys(answer.facts || {}).forEach(function (k) {
      q.push('f.' + enc(k) + '=' + enc(String(answer.facts[k])));
    });
    return config.printUrl + '?' + q.join('&');
  }

  /** What stands next to the bubble, in the volunteer's language. */
  function aside(activity) {
    var cd = activity.channelData;
    var second = cd.meldwijzerSecond;
    var lang = second ? second.language : config.lang;
    var parts = [];
    if (second && second.language !== languageOf(activity)) {
      parts.push(h('p', { key: 'label', className: 'mw-second__label' }, texts.second + ' (' + config.languageNames[second.language] + ')'));
      parts = parts.concat(paragraphs(second.text));
      if (second.buttons && second.buttons.length)
        parts.push(h('p', { key: 'buttons', className: 'mw-second__buttons' }, texts.buttons + ' ' + second.buttons.join(' · ')));
    }
    if (cd.meldwijzerDetails) parts.push(details(cd.meldwijzerDetails));
    if (cd.meldwijzerAnswer)
      parts.push(
        h(
          'p',
          { key: 'print', className: 'mw-print' },
          h('a', { href: printHref(activity, cd.meldwijzerAnswer), target: '_blank', rel: 'noopener' }, texts.print)
        )
      );
    return h('div', { key: 'aside', className: 'mw-second', lang: lang, dir: dirOf(lang) }, parts);
  }

  /** Web Chat activity middleware: the bubble (client language) and, next to it, the aside. */
  function pairMiddleware() {
    return function (next) {
      return function () {
        var args = arguments;
        var activity = args[0] && args[0].activity;
        var render = next.apply(null, args);
        var cd = activity && activity.channelData;
        if (!render || !cd || activity.type !== 'message' || !(cd.meldwijzerSecond || cd.meldwijzerDetails)) return render;
        return function () {
          return h(
            'div',
            { className: 'mw-pair' },
            h('div', { key: 'client', className: 'mw-pair__client', lang: languageOf(activity), dir: dirOf(languageOf(activity)) }, render.apply(null, arguments)),
            aside(activity)
          );
        };
      };
    };
  }

  /** Every activity the page sends asks for the volunteer view. */
  var store = window.WebChat.createStore({}, function () {
    return function (next) {
      return function (action) {
        if (action && action.type === 'DIRECT_LINE/POST_ACTIVITY' && action.payload && action.payload.activity) {
          var activity = action.payload.activity;
          var channelData = Object.assign({}, activity.channelData, { meldwijzerView: { pair: config.pair } });
          action = Object.assign({}, action, { payload: Object.assign({}, action.payload, { activity: Object.assign({}, activity, { channelData: channelData }) }) });
        }
        return next(action);
      };
    };
  });

  var styleOptions = wc.styleOptions(config.client, { bubbleMaxWidth: 560, suggestedActionHeight: 48 });

  var userId = 'vw_' + Math.random().toString(36).slice(2, 12);

  // The conversation is opened here (not by Web Chat) so that its start carries the view too: the
  // welcome then also comes in two languages. Web Chat goes on with the conversation's own token.
  wc.fetchToken()
    .then(function (start) {
      return fetch(config.directLine + '/conversations', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + start.token },
        body: JSON.stringify({ user: { id: userId }, locale: config.locale, meldwijzerView: { pair: config.pair } })
      }).then(wc.json);
    })
    .then(function (conversation) {
      var directLine = wc.createDirectLine(conversation.token);
      wc.host.textContent = '';
      wc.render(directLine, { store: store, userID: userId, styleOptions: styleOptions, activityMiddleware: pairMiddleware });
    })
    .catch(wc.problem);
})();
