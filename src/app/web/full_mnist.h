// full_mnist.h — the web page's full MNIST. When the site has it (scripts/web.sh --with-mnist puts
// the four IDX files, gzip-compressed, and mnist/index.json beside the page), the Train tab's data
// list offers it; chosen, page_library.js fetches it (from the browser's Cache Storage once it has
// been fetched and passed the checks, so also offline) into the folder `--data mnist` reads, with
// the bytes fetched shown and a Cancel; here the IDX reader checks it as the desktop program's does
// before the Train tab trains on it (in the training worker, which is sent the files).
#pragma once

namespace neurostep {

struct AppState;

// Asks the page whether the site has the full MNIST, and lets the Train tab fetch it (`app` must
// outlive the page).
void offer_full_mnist(AppState& app);

}  // namespace neurostep
