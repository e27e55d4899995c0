/** The main navigation: where each item leads and which paths belong to its section. */
export const NAV_ITEMS = [
  { to: '/', label: 'nav.home', section: [] as string[] },
  { to: '/dia-chi', label: 'nav.resolver', section: ['/dia-chi'] },
  { to: '/ban-do', label: 'nav.map', section: ['/ban-do', '/xa/', '/don-vi-cu/'] },
  { to: '/tra-cuu-ho-so', label: 'nav.lookup', section: ['/tra-cuu-ho-so'] },
  { to: '/nop-ho-so', label: 'nav.submitOnline', section: ['/nop-ho-so'] },
  { to: '/phan-anh', label: 'nav.feedback', section: ['/phan-anh'] },
  { to: '/lich', label: 'nav.calendar', section: ['/lich'] },
] as const;

export function isActive(item: (typeof NAV_ITEMS)[number], pathname: string): boolean {
  if (item.to === '/') return pathname === '/';
  return item.section.some((prefix) => pathname === prefix || pathname.startsWith(prefix));
}
