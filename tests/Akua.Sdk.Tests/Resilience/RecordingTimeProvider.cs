using Microsoft.Extensions.Time.Testing;

namespace Akua.Sdk.Tests.Resilience;

/// <summary>
/// The library's <see cref="FakeTimeProvider"/> that also notes every timer set on it: the resilience tests assert on
/// the delays and timeouts the pipeline chose, and run a call to its end by moving time to each timer it waits for.
/// </summary>
internal sealed class RecordingTimeProvider : FakeTimeProvider
{
    /// <summary>Where the tests' clock starts (FakeTimeProvider's own default is 2000-01-01).</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly object _gate = new();
    private readonly List<TimeSpan> _scheduledDelays = [];
    private readonly HashSet<RecordedTimer> _pending = [];
    private TaskCompletionSource _timerScheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _changes;

    public RecordingTimeProvider()
        : base(DefaultStart)
    {
    }

    /// <summary>The due times of all timers scheduled so far, in order.</summary>
    public IReadOnlyList<TimeSpan> ScheduledDelays
    {
        get
        {
            lock (_gate)
            {
                return [.. _scheduledDelays];
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new RecordedTimer(this);
        timer.Inner = base.CreateTimer(
            s =>
            {
                timer.Fired();
                callback(s);
            },
            state,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>How many times a timer was set, fired or disposed so far.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>Completes when at least one timer is pending.</summary>
    public Task WhenTimerScheduled()
    {
        lock (_gate)
        {
            return _pending.Count > 0 ? Task.CompletedTask : _timerScheduled.Task;
        }
    }

    /// <summary>Advances to the earliest pending timer, which fires inside <see cref="FakeTimeProvider.Advance"/>. False when none is pending.</summary>
    public bool AdvanceToNextTimer()
    {
        DateTimeOffset due;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return false;
            }

            due = _pending.Min(t => t.Due);
        }

        var now = GetUtcNow();
        Advance(due > now ? due - now : TimeSpan.Zero);
        return true;
    }

    // Never called with _gate held: FakeTimeProvider may run timer callbacks (which take _gate) under its own lock.
    private void Record(RecordedTimer timer, DateTimeOffset now, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _changes);
        lock (_gate)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                _pending.Remove(timer);
                return;
            }

            timer.Due = now + dueTime;
            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            _pending.Add(timer);
            _scheduledDelays.Add(dueTime);
        }
    }

    // After the library's timer is set, so that no one advances past a timer it has not scheduled yet.
    private void Signal()
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            signal = _timerScheduled;
            _timerScheduled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    private sealed class RecordedTimer(RecordingTimeProvider owner) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset Due { get; set; }

        public TimeSpan? Period { get; set; }

        public void Fired()
        {
            Interlocked.Increment(ref owner._changes);
            lock (owner._gate)
            {
                if (Period is { } period)
                {
                    Due += period;
                }
                else
                {
                    owner._pending.Remove(this);
                }
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Record(this, owner.GetUtcNow(), dueTime, period);
            var changed = Inner.Change(dueTime, period);
            owner.Signal();
            return changed;
        }

        public void Dispose()
        {
            Interlocked.Increment(ref owner._changes);
            lock (owner._gate)
            {
                owner._pending.Remove(this);
            }

            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}

internal static class RecordingTimeProviderExtensions
{
    /// <summary>
    /// Runs a call to completion by advancing the clock to each timer it waits for: no real sleeping, and a bounded
    /// number of steps and real wait, so a call that never settles fails instead of hanging.
    /// </summary>
    /// <remarks>
    /// The call starts off the test's synchronization context, so its continuations run inline when a timer fires
    /// inside <see cref="FakeTimeProvider.Advance"/>; and time moves only once the call has stopped setting, firing
    /// and disposing timers for a moment, never while it is between two of them (say, about to dispose the timeout
    /// of an attempt that has just been answered).
    /// </remarks>
    public static async Task<T> RunAsync<T>(this RecordingTimeProvider time, Func<Task<T>> call)
    {
        var task = Task.Run(call);
        for (var step = 0; !task.IsCompleted; step++)
        {
            Assert.True(step < 10_000, "the call kept setting timers without completing");
            var first = await Task.WhenAny(task, time.WhenTimerScheduled()).WaitAsync(TimeSpan.FromSeconds(30));
            if (first == task || await Settled(time, task))
            {
                break;
            }

            time.AdvanceToNextTimer();
        }

        return await task;
    }

    /// <summary>Waits until no timer changed for a few milliseconds of real time; true when the call ended meanwhile.</summary>
    private static async Task<bool> Settled(RecordingTimeProvider time, Task task)
    {
        for (var round = 0; round < 3_000; round++)
        {
            var changes = time.Changes;
            await Task.Delay(2);
            if (task.IsCompleted)
            {
                return true;
            }

            if (time.Changes == changes)
            {
                return false;
            }
        }

        Assert.Fail("the call kept changing timers without waiting on one");
        return false;
    }
}
