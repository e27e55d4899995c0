/**
 * The organisation every new commune starts with (domain-vn.md §2): Party committee, People's Council, People's
 * Committee with its specialised bodies and the public administration service center, the Fatherland Front with
 * the mass organisations. Pure: the commune's kind and name in, the tree of bodies out.
 */
export type CommuneKind = 'xa' | 'phuong' | 'dac_khu';

export const BODY_CATEGORIES = [
  'party',
  'council',
  'government',
  'specialised',
  'service_center',
  'front',
  'mass_organisation',
  'group',
] as const;
export type BodyCategory = (typeof BODY_CATEGORIES)[number];

export interface TemplateBody {
  key: string;
  parentKey: string | null;
  category: BodyCategory;
  name: string;
  shortName: string | null;
  /** Titles usually held in this body, offered when a position is added. */
  titles: string[];
}

/** "Phường Trần Phú" → { kindWord: 'phường', place: 'Trần Phú' } (the word as it stands inside a body's name). */
export function splitCommuneName(name: string): { kindWord: string; place: string } {
  const m = name.match(/^(Xã|Phường|Đặc khu)\s+(.+)$/u);
  if (!m) return { kindWord: '', place: name };
  return { kindWord: m[1]!.toLowerCase(), place: m[2]! };
}

interface Node {
  key: string;
  category: BodyCategory;
  name: (of: string) => string;
  shortName?: string;
  titles?: string[];
  children?: Node[];
  /** Only for these kinds of commune (default: all). */
  only?: CommuneKind[];
}

const TREE: Node[] = [
  {
    key: 'dang_uy',
    category: 'party',
    name: (of) => `Đảng ủy ${of}`,
    shortName: 'Đảng ủy',
    children: [
      {
        key: 'dang_uy_bch',
        category: 'group',
        name: () => 'Ban Chấp hành Đảng bộ',
        titles: ['Ủy viên Ban Chấp hành Đảng bộ'],
      },
      {
        key: 'dang_uy_btv',
        category: 'group',
        name: () => 'Ban Thường vụ Đảng ủy',
        titles: ['Ủy viên Ban Thường vụ Đảng ủy'],
      },
      {
        key: 'dang_uy_tt',
        category: 'group',
        name: () => 'Thường trực Đảng ủy',
        titles: ['Bí thư Đảng ủy', 'Phó Bí thư Đảng ủy', 'Phó Bí thư Thường trực Đảng ủy'],
      },
    ],
  },
  {
    key: 'hdnd',
    category: 'council',
    name: (of) => `Hội đồng nhân dân ${of}`,
    shortName: 'HĐND',
    children: [
      {
        key: 'hdnd_tt',
        category: 'group',
        name: () => 'Thường trực HĐND',
        titles: ['Chủ tịch HĐND', 'Phó Chủ tịch HĐND'],
      },
      {
        key: 'hdnd_ban_ktns',
        category: 'group',
        name: () => 'Ban Kinh tế - Ngân sách',
        titles: ['Trưởng Ban Kinh tế - Ngân sách', 'Phó Trưởng Ban Kinh tế - Ngân sách', 'Ủy viên'],
      },
      {
        key: 'hdnd_ban_vhxh',
        category: 'group',
        name: () => 'Ban Văn hóa - Xã hội',
        titles: ['Trưởng Ban Văn hóa - Xã hội', 'Phó Trưởng Ban Văn hóa - Xã hội', 'Ủy viên'],
      },
      { key: 'hdnd_dai_bieu', category: 'group', name: () => 'Đại biểu HĐND', titles: ['Đại biểu HĐND'] },
    ],
  },
  {
    key: 'ubnd',
    category: 'government',
    name: (of) => `Ủy ban nhân dân ${of}`,
    shortName: 'UBND',
    titles: ['Chủ tịch UBND', 'Phó Chủ tịch UBND', 'Ủy viên UBND'],
    children: [
      {
        key: 'van_phong',
        category: 'specialised',
        name: () => 'Văn phòng HĐND và UBND',
        titles: [
          'Chánh Văn phòng',
          'Phó Chánh Văn phòng',
          'Công chức tư pháp - hộ tịch',
          'Công chức văn phòng',
        ],
      },
      {
        key: 'phong_kinh_te',
        category: 'specialised',
        name: () => 'Phòng Kinh tế',
        only: ['xa', 'dac_khu'],
        titles: [
          'Trưởng phòng',
          'Phó Trưởng phòng',
          'Công chức địa chính - nông nghiệp',
          'Công chức tài chính',
        ],
      },
      {
        key: 'phong_kinh_te',
        category: 'specialised',
        name: () => 'Phòng Kinh tế, Hạ tầng và Đô thị',
        only: ['phuong'],
        titles: [
          'Trưởng phòng',
          'Phó Trưởng phòng',
          'Công chức địa chính - xây dựng - đô thị',
          'Công chức tài chính',
        ],
      },
      {
        key: 'phong_vhxh',
        category: 'specialised',
        name: () => 'Phòng Văn hóa - Xã hội',
        titles: ['Trưởng phòng', 'Phó Trưởng phòng', 'Công chức văn hóa - xã hội'],
      },
      {
        key: 'ttpvhcc',
        category: 'service_center',
        name: () => 'Trung tâm Phục vụ hành chính công',
        shortName: 'TTPVHCC',
        titles: ['Giám đốc', 'Phó Giám đốc', 'Viên chức tiếp nhận và trả kết quả'],
      },
    ],
  },
  {
    key: 'mttq',
    category: 'front',
    name: (of) => `Ủy ban Mặt trận Tổ quốc Việt Nam ${of}`,
    shortName: 'Ủy ban MTTQ',
    titles: ['Chủ tịch Ủy ban MTTQ', 'Phó Chủ tịch Ủy ban MTTQ'],
    children: [
      {
        key: 'hoi_lhpn',
        category: 'mass_organisation',
        name: () => 'Hội Liên hiệp Phụ nữ',
        titles: ['Chủ tịch Hội', 'Phó Chủ tịch Hội'],
      },
      {
        key: 'doan_tn',
        category: 'mass_organisation',
        name: () => 'Đoàn Thanh niên Cộng sản Hồ Chí Minh',
        titles: ['Bí thư Đoàn', 'Phó Bí thư Đoàn'],
      },
      {
        key: 'hoi_nong_dan',
        category: 'mass_organisation',
        name: () => 'Hội Nông dân',
        only: ['xa'],
        titles: ['Chủ tịch Hội', 'Phó Chủ tịch Hội'],
      },
      {
        key: 'hoi_ccb',
        category: 'mass_organisation',
        name: () => 'Hội Cựu chiến binh',
        titles: ['Chủ tịch Hội', 'Phó Chủ tịch Hội'],
      },
    ],
  },
];

/** The bodies a commune of this kind starts with, parents before children, keys unique. */
export function bodiesForCommune(kind: CommuneKind, communeName: string): TemplateBody[] {
  const { kindWord, place } = splitCommuneName(communeName);
  const of = kindWord ? `${kindWord} ${place}` : place;
  const out: TemplateBody[] = [];
  const walk = (nodes: Node[], parentKey: string | null) => {
    for (const n of nodes) {
      if (n.only && !n.only.includes(kind)) continue;
      out.push({
        key: n.key,
        parentKey,
        category: n.category,
        name: n.name(of),
        shortName: n.shortName ?? null,
        titles: n.titles ?? [],
      });
      walk(n.children ?? [], n.key);
    }
  };
  walk(TREE, null);
  return out;
}

/** Titles offered for a template body (whatever the commune's kind), empty for bodies added by hand. */
export function titlesOf(templateKey: string | null): string[] {
  if (!templateKey) return [];
  const find = (nodes: Node[]): string[] | undefined => {
    for (const n of nodes) {
      if (n.key === templateKey) return n.titles ?? [];
      const inner = find(n.children ?? []);
      if (inner) return inner;
    }
    return undefined;
  };
  return find(TREE) ?? [];
}

/** Limits that keep a commune's lists bounded. */
export const MAX_BODIES_PER_COMMUNE = 200;
