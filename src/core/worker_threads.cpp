#include "core/worker_threads.h"

#include <cassert>

namespace neurostep {

WorkerThreads::WorkerThreads(std::size_t workers) {
  for (std::size_t i = 0; i < workers; ++i) threads_.emplace_back([this, i] { work(i); });
}

WorkerThreads::~WorkerThreads() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void WorkerThreads::run(std::size_t parts, const std::function<void(std::size_t)>& job) {
  assert(parts >= 1 && parts <= threads_.size() + 1 && "WorkerThreads::run: more parts than threads");
  {
    std::lock_guard lock(mutex_);
    job_ = &job;
    parts_ = parts;
    pending_ = parts - 1;
    error_ = nullptr;
    ++generation_;
  }
  if (parts > 1) wake_.notify_all();
  std::exception_ptr here;
  try {
    job(0);
  } catch (...) {
    here = std::current_exception();
  }
  std::unique_lock lock(mutex_);
  finished_.wait(lock, [&] { return pending_ == 0; });
  job_ = nullptr;
  if (here) std::rethrow_exception(here);
  if (error_) std::rethrow_exception(error_);
}

void WorkerThreads::work(std::size_t index) {
  unsigned long seen = 0;
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [&] { return stopping_ || generation_ != seen; });
    if (stopping_) return;
    seen = generation_;
    if (index + 1 >= parts_) continue;  // no part for this worker in this batch
    const auto* job = job_;
    lock.unlock();
    std::exception_ptr failed;
    try {
      (*job)(index + 1);
    } catch (...) {
      failed = std::current_exception();
    }
    lock.lock();
    if (failed && !error_) error_ = failed;
    if (--pending_ == 0) finished_.notify_one();
  }
}

}  // namespace neurostep
