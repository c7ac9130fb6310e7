using System.Globalization;
using System.Text;
using KapMonitor.Core.Clinical.Decisions;
using KapMonitor.Core.Clinical.Discharge;
using KapMonitor.Core.Clinical.Sessions;
using KapMonitor.Core.Observations;

namespace KapMonitor.Core.Clinical.Engine;

// Discharge readiness, evaluated continuously as a bit mask (cheap, allocation-free); the full evidence is
// built only when the mask changes, for a snapshot, or at sign-off. PADSS (Chung): vitals within 20% of the
// pre-dose value, |now − baseline| ≤ 0.20 × baseline; Aldrete: SpO2 > 92%; REMS: observe ≥ 2 h.
public sealed partial class SessionEngine
{
    private const int MaxBpReadings = 8;
    private const uint MinTimeBit = 1, BpBit = 2, Spo2Bit = 4, HeartRateBit = 8, AlarmsBit = 16, AttestationsBit = 32;
    private const uint AllBits = MinTimeBit | BpBit | Spo2Bit | HeartRateBit | AlarmsBit | AttestationsBit;
    private const double HeartRateMaxAgeMinutes = 5;

    private uint _lastMask;
    private bool _dischargeDirty;
    private DateTimeOffset? _dischargeClearedAt;
    private bool _dischargeOverride;
    private DischargeReadiness? _lastReadinessAtSignOff;
    private DateTimeOffset _spo2RunStart = DateTimeOffset.MinValue;
    private DateTimeOffset _spo2LastAt = DateTimeOffset.MinValue;
    private double _spo2RunMin;

    private void InitDischarge() => _lastMask = uint.MaxValue;

    private double Spo2GapSeconds =>
        _profile.Technical.StaleSeconds.TryGetValue(Metric.Spo2, out var seconds) ? seconds : 30;

    private void OnSpo2(double value)
    {
        if (value > _profile.Discharge.Spo2Above)
        {
            if (_spo2RunStart == DateTimeOffset.MinValue || (_now - _spo2LastAt).TotalSeconds > Spo2GapSeconds)
            {
                _spo2RunStart = _now;
                _spo2RunMin = value;
            }
            else if (value < _spo2RunMin)
            {
                _spo2RunMin = value;
            }
        }
        else
        {
            _spo2RunStart = DateTimeOffset.MinValue;
        }

        _spo2LastAt = _now;
    }

    private void EvaluateDischarge()
    {
        if (_phase != SessionPhase.Monitoring || _dischargeClearedAt is not null)
        {
            return;
        }

        _dischargeDirty = false;
        var mask = ComputeMask(out var bp);
        if (bp == BpCheck.Stale && (mask | BpBit) == AllBits)
        {
            RequestPreDischargeReading();
        }

        if (mask != _lastMask)
        {
            _lastMask = mask;
            Emit(new DischargeReadinessChanged(BuildReadiness()));
        }
    }

    private uint ComputeMask(out BpCheck bp)
    {
        var mask = 0u;
        if (MinutesSinceDischargeAnchor() >= _profile.Discharge.MinMinutes)
        {
            mask |= MinTimeBit;
        }

        Span<int> used = stackalloc int[MaxBpReadings];
        bp = CheckBp(used, out _);
        if (bp == BpCheck.Met)
        {
            mask |= BpBit;
        }

        if (Spo2Met())
        {
            mask |= Spo2Bit;
        }

        if (HeartRateMet())
        {
            mask |= HeartRateBit;
        }

        if (!HasBlockingAlarm(_profile.Discharge.NoAlarmAtOrAbove))
        {
            mask |= AlarmsBit;
        }

        if (Array.IndexOf(_attestedBy, null) < 0)
        {
            mask |= AttestationsBit;
        }

        return mask;
    }

    private double MinutesSinceDischargeAnchor() => MinutesSince(AnchorTime(_profile.Discharge.Anchor));

    private BpCheck CheckBp(Span<int> used, out int count)
    {
        var criteria = _profile.Discharge;
        var wanted = Math.Min(criteria.BpReadings, MaxBpReadings);
        count = 0;
        var spacing = TimeSpan.FromMinutes(criteria.BpMinSpacingMinutes);
        for (var i = _bpReadings.Count - 1; i >= 0 && count < wanted; i--)
        {
            var reading = _bpReadings[i];
            if (_firstDoseAt is null || reading.At < _firstDoseAt.Value)
            {
                break;
            }

            if (count == 0 || _bpReadings[used[count - 1]].At - reading.At >= spacing)
            {
                used[count++] = i;
            }
        }

        if (_baselineReading is not { } baseline)
        {
            return BpCheck.NoBaseline;
        }

        if (count < wanted)
        {
            return BpCheck.TooFewReadings;
        }

        if ((_now - _bpReadings[used[0]].At).TotalMinutes > criteria.LastBpMaxAgeMinutes)
        {
            return BpCheck.Stale;
        }

        var fraction = criteria.BpWithinPercentOfBaseline / 100;
        for (var k = 0; k < count; k++)
        {
            var reading = _bpReadings[used[k]];
            if (Math.Abs(reading.Systolic - baseline.Systolic) > fraction * baseline.Systolic
                || Math.Abs(reading.Diastolic - baseline.Diastolic) > fraction * baseline.Diastolic)
            {
                return BpCheck.OutsideBaseline;
            }

            if (reading.Systolic > criteria.CeilingSystolic || reading.Diastolic > criteria.CeilingDiastolic)
            {
                return BpCheck.AboveCeiling;
            }

            if (k + 1 < count && reading.Systolic > _bpReadings[used[k + 1]].Systolic + criteria.BpNotRisingToleranceMmHg)
            {
                return BpCheck.Rising;
            }
        }

        return BpCheck.Met;
    }

    private bool Spo2Met() =>
        _spo2RunStart != DateTimeOffset.MinValue
        && (_now - _spo2LastAt).TotalSeconds <= Spo2GapSeconds
        && (_now - _spo2RunStart).TotalMinutes >= _profile.Discharge.Spo2Minutes;

    private bool HeartRateMet()
    {
        if (_profile.Discharge.HrWithinPercentOfBaseline is not { } percent)
        {
            return true;
        }

        var baseline = _baseline[(int)Metric.HeartRate];
        return !double.IsNaN(baseline) && !double.IsNaN(_lastHeartRate)
            && (_now - _lastHeartRateAt).TotalMinutes <= HeartRateMaxAgeMinutes
            && Math.Abs(_lastHeartRate - baseline) <= percent / 100 * baseline;
    }

    private DischargeReadiness BuildReadiness()
    {
        var inv = CultureInfo.InvariantCulture;
        var criteria = _profile.Discharge;
        var mask = ComputeMask(out var bp);
        var used = new int[MaxBpReadings];
        CheckBp(used, out var count);
        var readings = new BpReading[count];
        for (var k = 0; k < count; k++)
        {
            readings[k] = _bpReadings[used[k]];
        }

        var minutes = MinutesSinceDischargeAnchor();
        var baselineHr = _baseline[(int)Metric.HeartRate];
        var pending = new List<string>();
        for (var i = 0; i < _attestedBy.Length; i++)
        {
            if (_attestedBy[i] is null)
            {
                pending.Add(criteria.Attestations[i]);
            }
        }

        var blocking = new List<string>();
        foreach (var alarm in _alarms)
        {
            if (alarm.Priority >= criteria.NoAlarmAtOrAbove)
            {
                blocking.Add(alarm.Id);
            }
        }

        var list = new DischargeCriterion[]
        {
            new("min-time", (mask & MinTimeBit) != 0, double.IsNaN(minutes)
                ? $"{criteria.Anchor} not reached"
                : string.Create(inv, $"{Math.Floor(minutes * 10) / 10} of {criteria.MinMinutes} min since {criteria.Anchor}")),
            new("bp", bp == BpCheck.Met, DescribeBp(bp, readings)),
            new("spo2", (mask & Spo2Bit) != 0, _spo2RunStart == DateTimeOffset.MinValue
                ? string.Create(inv, $"no current run of valid SpO2 > {criteria.Spo2Above}")
                : string.Create(inv, $"valid SpO2 > {criteria.Spo2Above} since {_spo2RunStart:O} (min {_spo2RunMin}); need {criteria.Spo2Minutes} min")),
            new("heart-rate", (mask & HeartRateBit) != 0, criteria.HrWithinPercentOfBaseline is not { } hrPercent
                ? "not required"
                : string.Create(inv, $"latest {_lastHeartRate} vs baseline {baselineHr}, within {hrPercent}% required")),
            new("alarms", (mask & AlarmsBit) != 0, blocking.Count == 0
                ? string.Create(inv, $"no alarm at or above {criteria.NoAlarmAtOrAbove}")
                : "blocking: " + string.Join(", ", blocking)),
            new("attestations", (mask & AttestationsBit) != 0, pending.Count == 0 ? "all attested" : "pending: " + string.Join(", ", pending)),
        };

        return new DischargeReadiness(
            mask == AllBits,
            _now,
            list,
            _baselineReading,
            double.IsNaN(baselineHr) ? null : baselineHr,
            readings,
            double.IsNaN(minutes) ? null : minutes,
            _spo2RunStart == DateTimeOffset.MinValue ? null : _spo2RunStart,
            _spo2RunStart == DateTimeOffset.MinValue ? null : _spo2RunMin,
            double.IsNaN(_lastHeartRate) ? null : _lastHeartRate,
            pending,
            blocking);
    }

    private string DescribeBp(BpCheck check, BpReading[] readings)
    {
        var inv = CultureInfo.InvariantCulture;
        var criteria = _profile.Discharge;
        var text = new StringBuilder();
        text.Append(check switch
        {
            BpCheck.Met => "met",
            BpCheck.NoBaseline => "no baseline BP",
            BpCheck.TooFewReadings => string.Create(inv, $"need {criteria.BpReadings} readings at least {criteria.BpMinSpacingMinutes} min apart after the dose"),
            BpCheck.Stale => string.Create(inv, $"latest reading older than {criteria.LastBpMaxAgeMinutes} min"),
            BpCheck.OutsideBaseline => string.Create(inv, $"a reading is more than {criteria.BpWithinPercentOfBaseline}% from baseline"),
            BpCheck.AboveCeiling => string.Create(inv, $"a reading is above the ceiling {criteria.CeilingSystolic}/{criteria.CeilingDiastolic}"),
            BpCheck.Rising => "systolic still rising",
            _ => "unknown",
        });
        if (_baselineReading is { } b)
        {
            text.Append(inv, $"; baseline {b.Systolic}/{b.Diastolic} at {b.At:O}");
        }

        foreach (var r in readings)
        {
            text.Append(inv, $"; {r.Systolic}/{r.Diastolic} at {r.At:O}");
        }

        return text.ToString();
    }
}
