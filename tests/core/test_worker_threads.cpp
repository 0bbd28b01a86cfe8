// WorkerThreads: each part once, on the same thread every batch, exceptions handed to the caller.
#include <doctest/doctest.h>

#include <atomic>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/worker_threads.h"

using namespace neurostep;

TEST_CASE("worker threads: every part of every batch runs once, part 0 on the caller, the others on their workers") {
  WorkerThreads workers(3);
  CHECK(workers.size() == 3);
  std::vector<std::thread::id> first_batch(4);
  for (int batch = 0; batch < 200; ++batch) {
    const std::size_t parts = 1 + static_cast<std::size_t>(batch % 4);  // sometimes fewer parts than threads
    std::vector<int> ran(4, 0);
    std::vector<std::thread::id> by(4);
    workers.run(parts, [&](std::size_t t) {
      ++ran[t];
      by[t] = std::this_thread::get_id();
    });
    for (std::size_t t = 0; t < 4; ++t) CHECK(ran[t] == (t < parts ? 1 : 0));
    CHECK(by[0] == std::this_thread::get_id());
    if (parts == 4) {
      CHECK(std::set<std::thread::id>(by.begin(), by.end()).size() == 4);
      if (first_batch[1] == std::thread::id()) first_batch = by;
      CHECK(by == first_batch);  // the same thread takes the same part every batch
    }
  }
}

TEST_CASE("worker threads: an exception in a part reaches the caller after every part has finished") {
  WorkerThreads workers(1);
  std::atomic<int> finished = 0;
  int runs = 0;
  for (const std::size_t failing : {1, 0}) {  // on the worker, then on the caller
    const std::string message = "part " + std::to_string(failing) + " failed";
    CHECK_THROWS_WITH_AS(workers.run(2,
                                     [&](std::size_t t) {
                                       if (t == failing) throw std::runtime_error(message);
                                       ++finished;
                                     }),
                         message.c_str(), std::runtime_error);
    CHECK(finished == ++runs);  // the other part had finished when run() threw
  }
  workers.run(2, [&](std::size_t) { ++finished; });  // still usable
  CHECK(finished == 4);
}
