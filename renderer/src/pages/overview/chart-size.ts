/**
 * The chart's fixed height, shared by the lazily loaded chart and its placeholder so the
 * page does not jump when the chart library arrives.
 */
export const CHART_HEIGHT = 240;
