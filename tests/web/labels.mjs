// The labels of the page's items that the web test (and bench/web_page.mjs) click, and the test's
// limits. Adapt them here when the page's labels change. Taken from src/gui (lesson_view.cpp,
// train_panel.cpp, sidebar.cpp, plot_view.cpp).

export const C = {
  FIRST_FRAME_TIMEOUT_MS: 60_000,
  MIN_COLOURS: 20, // a drawn page has hundreds; a blank or single-colour canvas has 1–3
  STEP_KEYS: ['Space', 'ArrowRight', 'Space', 'ArrowLeft'], // +1, +1, +1, −1 (clamped to 1..steps)

  EXAMPLE_LESSON: 'sigmoid-neuron', // web-lesson.png: this lesson at its middle step …
  EXAMPLE_TAB: 'Current step', // … in this tab (clicked when it exists)

  EDIT_LESSON: 'sigmoid-neuron',
  EDIT_TAB: 'Numbers',
  EDIT_AT_STEP: 'last', // 'first' | 'last': the step at which state().value is compared
  // how the field of state().editable.label is put into text mode: 'click' (InputText, InputDouble),
  // 'ctrlclick' or 'dblclick' (DragScalar, DragInt: the Numbers tab's fields are DragScalar)
  EDIT_ACTIVATE: 'ctrlclick',
  EDIT_VALUES: ['0.37', '-1.25'], // the first that differs from the field's current text is typed

  TRAIN_LESSON: 'mnist-cnn',
  TRAIN_TAB: 'Train',
  TRAIN_BUTTON: ['Start training'], // the first label that exists (and is not the tab)
  EPOCHS_FIELD: 'epochs', // a DragInt in train_panel.cpp
  EPOCHS_ACTIVATE: 'ctrlclick',
  EPOCHS: '1',
  // state().training.state while a run goes on (job_state_name in training_job.cpp), and when it is done
  TRAINING_BUSY: ['loading the data', 'training', 'paused', 'running'],
  TRAINING_DONE: 'finished',
  MIN_TEST_ACCURACY: 0.85,
  FULL_MNIST_ACCURACY: 0.9, // one epoch on the full MNIST's first 6,000 images, tested on its 10,000
  FULL_MNIST_TIMEOUT_MS: 120_000, // fetching the 11 MB from the test's own server and checking it
  TRAIN_TIMEOUT_MS: 10 * 60_000,
  OFFLINE_READY_TIMEOUT_MS: 60_000, // the service worker keeps the site (app.data, app.wasm, …) after the first frame

  // the items clicked in turn to get the file chooser; if the first is missing, only the last
  // (e.g. ['File', 'Open lesson file…'] works for a menu and for a plain button). The button sits
  // below the sidebar's lesson list, so the wheel scrolls the sidebar (at scrollAt) until it shows.
  OPEN_FILE: [{ label: 'Open lesson file…', scrollAt: { x: 120, y: 500 } }],
  BROKEN_ERROR: /^broken\.toml:3:\d+: /,

  DOWNLOAD_LESSON: 'sigmoid-neuron',
  DOWNLOAD_TAB: 'Current step', // clicked first when it exists (null: none)
  DOWNLOAD_AT_STEP: 'last', // the step whose plots are exported
  DOWNLOAD_CLICKS: [[' ⋯ ', 'Export all'], ['Save']], // the first whose first label exists is clicked
  DOWNLOAD_TIMEOUT_MS: 20_000,

  // phones and tablets (issue 26): the window sizes, the step button of the bottom bar and its
  // least height (a touch target), the most equations a step may have and still be on screen whole
  SMALL_SCREENS: [{ name: 'phone', width: 390, height: 844 }, { name: 'tablet', width: 768, height: 1024 }],
  TOUCH_STEP: 'Step ▶',
  MIN_TOUCH_PX: 44,
  LONG_STEP_EQUATIONS: 8,
};
