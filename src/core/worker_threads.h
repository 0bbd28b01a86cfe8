// worker_threads.h — threads that stay for a whole training run and take one part of each batch.
//
// The trainer started a thread for every batch, and each batch waited for it to begin (Lazović's CNN
// on two threads: 0.14–0.22 s an epoch); these wait for the next batch instead (0.06 s). run() hands part t (t ≥ 1) to
// worker t − 1, does part 0 on the calling thread and returns when every part is done, rethrowing the first exception
// a part threw.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace neurostep {

class WorkerThreads {
 public:
  explicit WorkerThreads(std::size_t workers);
  ~WorkerThreads();  // stops the workers and joins them
  WorkerThreads(const WorkerThreads&) = delete;
  WorkerThreads& operator=(const WorkerThreads&) = delete;

  std::size_t size() const { return threads_.size(); }
  // job(t) for t in [0, parts): 0 here, the others on workers 0 … parts − 2 (parts ≤ size() + 1).
  void run(std::size_t parts, const std::function<void(std::size_t)>& job);

 private:
  void work(std::size_t index);  // worker `index`'s loop

  std::mutex mutex_;
  std::condition_variable wake_, finished_;
  const std::function<void(std::size_t)>* job_ = nullptr;
  std::size_t parts_ = 0, pending_ = 0;
  unsigned long generation_ = 0;  // counts the batches handed out, so a worker takes each once
  bool stopping_ = false;
  std::exception_ptr error_;
  std::vector<std::thread> threads_;
};

}  // namespace neurostep
