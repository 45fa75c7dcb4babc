// The answer sheet (/vrijwilligers/print): the "print" button, shown only when this script runs.
(function () {
  'use strict';
  var button = document.getElementById('vw-print');
  if (!button || !window.print) return;
  button.hidden = false;
  button.addEventListener('click', function () {
    window.print();
  });
})();
