/*
 * The Web Chat page's client. Loads nothing and stores nothing until the
 * person presses "Commencer": then it loads Web Chat (served by this
 * server), asks the server for a Direct Line token, and renders the chat in
 * French. Also: the larger-text toggle, the "près de moi" button (the
 * position is sent to the bot only if the browser is allowed to share it),
 * and a way out when the conversation is lost (server restarted, expired).
 */
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('chat-config').textContent);
  var T = config.texts;
  var notice = document.getElementById('notice');
  var chatArea = document.getElementById('chat-area');
  var statusLine = document.getElementById('status');
  var restartBox = document.getElementById('restart-box');
  var nearMe = document.getElementById('near-me');
  var toggle = document.getElementById('larger-text');
  var session = null; // { directLine, store, conversationId, token, domain }

  function say(text) {
    statusLine.textContent = text || '';
  }

  // Larger text: a class on <html>; the whole page (Web Chat included) is sized in rem/em.
  toggle.addEventListener('click', function () {
    var on = toggle.getAttribute('aria-pressed') !== 'true';
    toggle.setAttribute('aria-pressed', String(on));
    toggle.textContent = on ? T.larger_text_on : T.larger_text;
    document.documentElement.classList.toggle('larger', on);
    if (session) render(session);
  });

  function loadWebChat() {
    if (window.WebChat) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = '/webchat/webchat.js';
      script.onload = function () {
        resolve();
      };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  // A new conversation (no argument), or a fresh token for this one: { conversationId, resume }.
  function getToken(resuming) {
    return fetch('/api/directline/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(resuming || {}),
      credentials: 'omit',
    }).then(function (response) {
      if (!response.ok) throw Object.assign(new Error('token ' + response.status), { status: response.status });
      return response.json();
    });
  }

  function accent() {
    return getComputedStyle(document.documentElement).getPropertyValue('--accent').trim() || '#1d4e89';
  }

  function styleOptions() {
    var larger = document.documentElement.classList.contains('larger');
    var color = accent();
    return {
      accent: color,
      primaryFont: 'inherit',
      fontSizeSmall: larger ? '90%' : '80%',
      bubbleFromUserBackground: color,
      bubbleFromUserTextColor: '#ffffff',
      bubbleFromUserBorderRadius: 8,
      bubbleBackground: '#f1f1f1',
      bubbleTextColor: '#1e1e1e',
      bubbleBorderRadius: 8,
      bubbleMaxWidth: 600,
      subtle: '#595959',
      timestampColor: '#595959',
      hideUploadButton: true,
      sendBoxButtonColor: color,
      sendBoxTextColor: '#1e1e1e',
      sendBoxBorderTop: 'solid 2px #595959',
      sendBoxHeight: larger ? 56 : 48,
      // Options flow on as many lines as they need (chat.css lets each label wrap): no scroll area of their own.
      suggestedActionLayout: 'flow',
      suggestedActionTextColor: color,
      suggestedActionBorderColor: color,
      suggestedActionBorderWidth: 2,
      suggestedActionBorderRadius: 6,
      suggestedActionHeight: larger ? 52 : 44,
      suggestedActionBackgroundColorOnHover: '#e8eef6',
      transcriptActivityVisualKeyboardIndicatorColor: '#000000',
      transcriptVisualKeyboardIndicatorColor: '#000000',
      botAvatarInitials: undefined,
      userAvatarInitials: undefined,
      rootHeight: '100%',
      rootWidth: '100%',
    };
  }

  function lost() {
    if (session && session.resuming) return;
    say(T.interrupted);
    restartBox.hidden = false;
    nearMe.disabled = true;
  }

  // Is the conversation still there? A 404 (restart, expiry) means it is lost.
  function checkAlive() {
    if (!session) return;
    var url =
      session.domain +
      '/conversations/' +
      encodeURIComponent(session.directLine.conversationId || '') +
      '/activities?watermark=' +
      encodeURIComponent(session.directLine.watermark || '');
    fetch(url, { headers: { authorization: 'Bearer ' + (session.directLine.token || session.token) }, credentials: 'omit' })
      .then(function (response) {
        if (response.status === 403) resume();
        else if (response.status === 404) lost();
      })
      .catch(lost);
  }

  /*
   * A page that slept past its token's life (a laptop closed, a phone
   * locked: no timer ran, so nothing was refreshed) comes back to the same
   * conversation: the resume key given with the first token buys a fresh
   * token for it, and Web Chat is rendered again on the same store, so the
   * transcript stays and nothing said is lost (watermark). Only when the
   * server no longer holds the conversation is the person told.
   */
  function resume() {
    var current = session;
    if (!current || current.resuming) return;
    current.resuming = true;
    clearTimeout(current.refreshTimer);
    getToken({ conversationId: current.conversationId, resume: current.resume })
      .then(function (answer) {
        if (session !== current) return;
        var watermark = current.directLine.watermark;
        try {
          current.directLine.end();
        } catch (e) {
          /* already ended */
        }
        current.resuming = false;
        open(answer, current.store, watermark);
      })
      .catch(function () {
        current.resuming = false;
        if (session === current) lost();
      });
  }

  // Back from sleep: a token already past its life is replaced at once, before the person types.
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible' && session && Date.now() >= session.expiresAt) resume();
  });

  function createStore() {
    return window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          // The bot writes plain text with line breaks (the same text goes to SMS): show it as such.
          if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload && action.payload.activity) {
            var activity = action.payload.activity;
            if (activity.type === 'message' && !activity.textFormat) {
              action = {
                type: action.type,
                meta: action.meta,
                payload: Object.assign({}, action.payload, { activity: Object.assign({}, activity, { textFormat: 'plain' }) }),
              };
            }
          }
          if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
            say('');
            setTimeout(focusSendBox, 0);
          }
          if (action.type === 'DIRECT_LINE/POST_ACTIVITY_REJECTED' || action.type === 'DIRECT_LINE/CONNECT_REJECTED') checkAlive();
          if (action.type === 'DIRECT_LINE/UPDATE_CONNECTION_STATUS' && action.payload) {
            var s = action.payload.connectionStatus; // 4 failed to connect, 5 ended
            if (s === 3)
              resume(); // the token expired
            else if (s === 4 || s === 5) lost();
          }
          return next(action);
        };
      };
    });
  }

  /*
   * Timestamps: Web Chat's own read « Envoyé à 4 décembre à 6:44 PM » (a
   * 12-hour clock, « à » before a date) in the browser's time zone, which is
   * not always the person's (a computer left in UTC). The programme's times
   * are those of France, as the bot's messages give them: each message is
   * stamped here in Europe/Paris time, « 8 h 37 » (read « Envoyé à 8 h 37 »),
   * with the date on another day (« 4 décembre à 18 h 44 », read « Envoyé le
   * 4 décembre à 18 h 44 »). Web Chat still renders sending and failures.
   */
  var ZONE = 'Europe/Paris';
  var dayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: ZONE, year: 'numeric', month: 'numeric', day: 'numeric' });
  var dateFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: ZONE, day: 'numeric', month: 'long' });
  var clockFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: ZONE, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' });
  function fill(text, values) {
    return text.replace(/\{(time|date)\}/g, function (_, key) {
      return values[key];
    });
  }
  function sentAt(timestamp) {
    var date = new Date(timestamp);
    if (isNaN(date.getTime())) return null;
    var parts = {};
    clockFormat.formatToParts(date).forEach(function (part) {
      parts[part.type] = part.value;
    });
    var values = { time: Number(parts.hour) + ' h ' + parts.minute, date: dateFormat.format(date) };
    var today = dayFormat.format(date) === dayFormat.format(new Date());
    return {
      visible: fill(today ? T.time_today : T.time_other_day, values),
      spoken: fill(today ? T.sent_today : T.sent_other_day, values),
    };
  }
  /*
   * The stamp is a React element; the bundle does not expose React, so it is
   * made the way createElement makes one, with the element type marker of
   * the element Web Chat itself rendered (whatever its React version).
   */
  function activityStatusMiddleware() {
    return function (next) {
      return function (args) {
        var rendered = next(args);
        var activity = args && args.activity;
        var when = activity && args.sendState === 'sent' && activity.timestamp && sentAt(activity.timestamp);
        if (!when || !rendered || !rendered.$$typeof) return rendered;
        function span(key, props) {
          return { $$typeof: rendered.$$typeof, type: 'span', key: key, ref: null, props: props, _owner: null };
        }
        var spoken = span('spoken', { className: 'sr-only', children: when.spoken });
        // A message grouped with the next one keeps its stamp for screen readers only, as in Web Chat.
        if (args.hideTimestamp) return spoken;
        return span(null, {
          className: 'webchat__activity-status sent-at',
          children: [spoken, span('visible', { 'aria-hidden': 'true', children: when.visible })],
        });
      };
    };
  }

  /*
   * Web Chat makes its row of buttons a live region, so each new
   * question had a screen reader read every button again after the message
   * (already announced once by Web Chat's own live region). The buttons stay
   * reachable with Tab; they are no longer read out unasked.
   */
  function quietButtons(node) {
    if (node.nodeType !== 1) return;
    var rows = node.matches('.webchat__suggested-actions') ? [node] : node.querySelectorAll('.webchat__suggested-actions');
    for (var i = 0; i < rows.length; i += 1) if (rows[i].getAttribute('aria-live') !== 'off') rows[i].setAttribute('aria-live', 'off');
  }
  function watchButtons(root) {
    quietButtons(root);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        if (change.type === 'attributes') quietButtons(change.target);
        else change.addedNodes.forEach(quietButtons);
      });
    }).observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-live'] });
  }

  function focusSendBox() {
    var input = document.querySelector('#webchat input[type="text"], #webchat textarea');
    if (input) input.focus();
  }

  function render(current) {
    window.WebChat.renderWebChat(
      {
        directLine: current.directLine,
        store: current.store,
        locale: config.locale,
        styleOptions: styleOptions(),
        activityStatusMiddleware: activityStatusMiddleware,
        sendTypingIndicator: false,
      },
      document.getElementById('webchat'),
    );
  }

  /*
   * A conversation left open outlives its token (an hour locally, 30 minutes
   * on Azure): refresh it at half its life, in place, so Web Chat goes on
   * with the same conversation and transcript. Web Chat's client refreshes
   * only every 15 minutes, too late for a shorter token.
   */
  function keepTokenFresh(current, expiresIn) {
    var seconds = Number(expiresIn) > 0 ? Number(expiresIn) : 1800;
    current.refreshTimer = setTimeout(
      function () {
        if (session !== current) return;
        fetch(current.domain + '/tokens/refresh', {
          method: 'POST',
          headers: { authorization: 'Bearer ' + (current.directLine.token || current.token) },
          credentials: 'omit',
        })
          .then(function (response) {
            if (response.status === 403) {
              resume(); // slept past the token's life
              return null;
            }
            if (!response.ok) throw new Error('refresh ' + response.status);
            return response.json();
          })
          .then(function (answer) {
            if (!answer || session !== current || current.resuming) return;
            current.token = answer.token;
            current.directLine.token = answer.token;
            current.expiresAt = Date.now() + Number(answer.expires_in) * 1000;
            current.refreshFailures = 0;
            keepTokenFresh(current, answer.expires_in);
          })
          .catch(function () {
            // Tried again a few times, a second apart; if the conversation is gone, the person is told (checkAlive).
            current.refreshFailures = (current.refreshFailures || 0) + 1;
            if (session === current && current.refreshFailures < 4) keepTokenFresh(current, 2);
            checkAlive();
          });
      },
      Math.max(1000, (seconds * 1000) / 2),
    );
  }

  /*
   * Renders Web Chat on a token: a new conversation (the client starts it,
   * or on Azure joins it, itself), or the same one again after a resume
   * (its id and the last watermark seen, on the store that holds the transcript).
   */
  function open(answer, store, watermark) {
    var options = { token: answer.token, domain: answer.domain };
    if (watermark !== undefined) {
      options.conversationId = answer.conversationId;
      options.watermark = watermark;
    }
    var directLine = window.WebChat.createDirectLine(options);
    session = {
      directLine: directLine,
      store: store,
      token: answer.token,
      domain: answer.domain,
      conversationId: answer.conversationId,
      resume: answer.resume,
      expiresAt: Date.now() + Number(answer.expiresIn) * 1000,
    };
    keepTokenFresh(session, answer.expiresIn);
    directLine.activity$.subscribe({ error: checkAlive });
    render(session);
  }

  function connect() {
    say(T.connecting);
    restartBox.hidden = true;
    nearMe.disabled = false;
    return loadWebChat()
      .then(function () {
        return getToken();
      })
      .then(function (answer) {
        var holder = document.getElementById('webchat');
        var fresh = holder.cloneNode(false);
        holder.parentNode.replaceChild(fresh, holder);
        open(answer, createStore());
      })
      .catch(function () {
        say(T.unavailable);
        restartBox.hidden = false;
      });
  }

  document.getElementById('start').addEventListener('click', function () {
    notice.hidden = true;
    chatArea.hidden = false;
    document.body.classList.add('chatting');
    watchButtons(document.getElementById('chat-area'));
    chatArea.focus();
    connect();
  });

  document.getElementById('restart').addEventListener('click', function () {
    if (session) {
      clearTimeout(session.refreshTimer);
      try {
        session.directLine.end();
      } catch (e) {
        /* already ended */
      }
    }
    session = null;
    connect();
  });

  nearMe.addEventListener('click', function () {
    if (!session) return;
    if (!navigator.geolocation) return say(T.location_unavailable);
    say(T.locating);
    navigator.geolocation.getCurrentPosition(
      function (position) {
        session.store.dispatch({
          type: 'WEB_CHAT/SEND_EVENT',
          payload: { name: 'nearMe', value: { lat: position.coords.latitude, lng: position.coords.longitude } },
        });
        say(T.located);
      },
      function (error) {
        say(error && error.code === 1 ? T.location_denied : T.location_unavailable);
      },
      { timeout: 15000, maximumAge: 600000 },
    );
  });
})();
