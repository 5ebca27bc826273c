import type { ShellMessages } from '../en/shell.ts';

export const shell: ShellMessages = {
  brand: 'Inception Explorer',
  storage: {
    quota: '此浏览器中本站点的存储空间已满（超出配额）',
    cleared: '页面打开期间，本站点在此浏览器中的数据被清除了',
  },
  skipToContent: '跳到正文',
  menu: '菜单',
  mainNavigation: '主导航',
  nav: {
    networks: '网络',
    figures: '论文插图',
    compare: '对比',
    classify: '识别照片',
    evaluate: '评估',
    learn: '训练',
  },
  documentTitle: (page) => `${page} · Inception Explorer`,
  theme: {
    shown: { system: '自动', light: '浅色', dark: '深色' },
    label: (shown, following, theme) =>
      following
        ? `${shown}主题。切换到${theme === 'dark' ? '浅色' : '深色'}主题`
        : `${shown}主题。改为跟随系统主题（当前为${theme === 'dark' ? '深色' : '浅色'}）`,
  },
  switchLanguage: '将界面切换为英文（English）',
  dropZone: ['拖放照片即可识别，也可以拖放 ', ' 权重文件'],
  loadingClassifier: '正在加载分类器…',
  loadingEvaluation: '正在加载评估页面…',
  loadingLab: '正在加载训练实验室…',
  notFound: {
    title: '未找到',
    noPage: (path) => `${path} 没有对应的页面。`,
    noNetworkOrPage: (id) => `没有名为“${id}”的网络或页面。`,
    backTo: (label) => `返回 ${label}`,
    allNetworks: '所有网络',
  },
  pageFailure: {
    chunkTitle: '无法加载此页面',
    chunkDetail:
      '应用的一部分没有加载成功：可能是网络连接中断，或者在打开此标签页之后发布了新版本。请重新加载以获取它；' +
      '在此期间仍可浏览各个网络。',
    errorTitle: '此页面因错误而停止',
    errorDetail: '请重新加载后重试；在此期间仍可浏览各个网络。错误信息：',
    reload: '重新加载',
    explorer: '浏览网络',
  },
  update: {
    available: 'Inception Explorer 有新版本可用。',
    reload: '重新加载',
    later: '稍后',
    offlineReady: 'Inception Explorer 现在也可以离线使用了。',
    dismiss: '关闭',
  },
};
