// The part of Apache ECharts the pages use (Home dashboard, 监测统计, 清零通报, the household page's income line):
// pie, bar and line charts with title, tooltip, legend (plain and scrolling), grid axes and mark points, on canvas.
// A chart type or component not listed here draws nothing: add it here and run ./build.sh.
import { use } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkPointComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, MarkPointComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

// The pages call only echarts.init (and the chart instances it returns).
export { init } from 'echarts/core';
