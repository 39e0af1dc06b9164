/**
 * ECharts for the skills pages only (issue 19): the core with the charts and components they
 * use and the SVG renderer, imported dynamically by SkillChart.svelte so that no other page
 * downloads it.
 */
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import {
	AriaComponent,
	GridComponent,
	LegendComponent,
	MarkLineComponent,
	TooltipComponent,
	VisualMapComponent
} from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([
	BarChart,
	HeatmapChart,
	LineChart,
	ScatterChart,
	AriaComponent,
	GridComponent,
	LegendComponent,
	MarkLineComponent,
	TooltipComponent,
	VisualMapComponent,
	SVGRenderer
]);

export { init };
