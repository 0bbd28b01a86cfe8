#include "app/web/full_mnist.h"

#include <emscripten.h>
#include <fmt/format.h>

#include <filesystem>

#include "app/web/page.h"
#include "core/io/idx.h"
#include "gui/app_ui.h"

namespace neurostep {

namespace {

AppState* offered_to = nullptr;

TrainPanelState::Download& download() { return offered_to->training.panel.download; }

// Where the files go: the site's data/mnist, which mnist_data_folder() finds for DataSource::Mnist
// (outside $HOME, so that the browser does not copy 11 MB into the user's storage at every start).
std::filesystem::path folder() { return offered_to->lessons.folder.parent_path() / "data" / "mnist"; }

// The four files as `--data mnist` reads them (magic numbers, dimensions, sizes, labels), and the
// counts of the full set; "" or what is wrong.
std::string check(const std::filesystem::path& dir) {
  try {
    const Dataset set = load_dataset_dir(dir);
    if (set.train.count != 60000 || set.test.count != 10000)
      return fmt::format("{}: {} training and {} test images, the full MNIST has 60000 and 10000", dir.string(),
                         set.train.count, set.test.count);
    return {};
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace

void offer_full_mnist(AppState& app) {
  offered_to = &app;
  app.platform.files.fetch_data = [](bool start) {
    TrainPanelState::Download& d = download();
    if (start) {
      if (d.fetching) return;
      d.fetching = true;
      d.ready = false;
      d.done = 0;
      d.error.clear();
      std::filesystem::create_directories(folder());
    }
    page_fetch_data(start ? 1 : 0, folder().c_str());
  };
  page_look_for_data();
}

}  // namespace neurostep

extern "C" {

// page_library.js: the site has the full MNIST, `bytes` to fetch, shown in the data list as `label`.
EMSCRIPTEN_KEEPALIVE void neurostep_data_offered(const char* label, double bytes) {
  neurostep::download().label = label;
  neurostep::download().total = bytes;
}

EMSCRIPTEN_KEEPALIVE void neurostep_data_progress(double done) { neurostep::download().done = done; }

// The fetch stopped: cancelled (why is "") or failed.
EMSCRIPTEN_KEEPALIVE void neurostep_data_stopped(const char* why) {
  neurostep::TrainPanelState::Download& d = neurostep::download();
  d.fetching = false;
  d.error = *why ? fmt::format("The full MNIST could not be fetched: {}.", why) : "";
  std::error_code ignored;
  std::filesystem::remove_all(neurostep::folder(), ignored);
}

// The files are in the folder: 1 if they pass the checks (the page then keeps them for the next
// visit), 0 if not (they are removed, and the Train tab says why).
EMSCRIPTEN_KEEPALIVE int neurostep_data_arrived() {
  neurostep::TrainPanelState::Download& d = neurostep::download();
  d.fetching = false;
  const std::string problem = neurostep::check(neurostep::folder());
  if (problem.empty()) {
    d.ready = true;
    return 1;
  }
  d.error = fmt::format("The full MNIST was refused: {}. Fetch it again, or train on the sample.", problem);
  std::error_code ignored;
  std::filesystem::remove_all(neurostep::folder(), ignored);
  return 0;
}
}
