import { addDuration, emptyFigures, percentileMinutes } from './figures';

describe('percentileMinutes', () => {
  const histogramOf = (minutes: number[]) => {
    const figures = emptyFigures();
    for (const value of minutes) addDuration(figures, value);
    return figures.decisionMinutes;
  };

  it('takes the nearest rank: the lower middle case for the median of an even number', () => {
    expect(percentileMinutes(histogramOf([40, 10, 30, 20]), 50)).toBe(20);
    expect(percentileMinutes(histogramOf([40, 10, 30]), 50)).toBe(30);
    expect(percentileMinutes(histogramOf([5]), 90)).toBe(5);
  });

  it('gives the 90th percentile exactly at whole ranks (9 of 10 cases), with repeated durations', () => {
    expect(percentileMinutes(histogramOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 90)).toBe(9);
    expect(percentileMinutes(histogramOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), 90)).toBe(10);
    expect(percentileMinutes(histogramOf([7, 7, 7, 100]), 90)).toBe(100);
    expect(percentileMinutes(histogramOf([7, 7, 7, 100]), 50)).toBe(7);
  });

  it('has none without cases', () => {
    expect(percentileMinutes({}, 50)).toBeUndefined();
  });
});
