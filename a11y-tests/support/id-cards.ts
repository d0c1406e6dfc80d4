// Test ID cards: the side with the photo of a made-up mainland resident ID card, drawn in the
// browser's canvas with the Noto CJK fonts CI installs, at chosen tilts, scales, blurs and
// light. Nothing here is a real person's card.
import type { Page } from '@playwright/test';
import { residentIdCheckCharacter } from '../../src/loan/applicant';

/** A made-up person as their card shows them. */
export interface CardPerson {
  name: string;
  sex: string;
  birth: { year: number; month: number; day: number };
  address: string;
  /** The 18-character number printed on the card (its check character may be wrong). */
  id: string;
  /** Whether the printed number passes its GB 11643 check. */
  valid: boolean;
}

/** How the photo of the card was taken. */
export interface CardShot {
  /** Degrees the card is turned. */
  tilt: number;
  /** The card's width as a share of the photo's. */
  scale: number;
  /** Gaussian blur radius in px. */
  blur: number;
  /** 1 is ordinary light; 0.5 a dim room. */
  light: number;
}

const NAMES = ['王秀英', '李建国', '张丽华', '刘德明', '陈美玲', '杨志强', '赵淑珍', '黄文博'];
const REGIONS = ['310104', '110105', '440305', '510107', '320102', '420106', '370102', '330106'];
const ADDRESSES = [
  '上海市徐汇区漕溪北路88号',
  '北京市朝阳区建国路1号',
  '广东省深圳市南山区科技园路9号',
  '四川省成都市武侯区人民南路4段',
  '江苏省南京市玄武区中山路18号',
  '湖北省武汉市武昌区中南路7号',
  '山东省济南市历下区泉城路26号',
  '浙江省杭州市西湖区文三路99号',
];

/** `count` made-up people, every `invalidEvery`-th with a wrong check character. */
export function madeUpPeople(count: number, invalidEvery = 0): CardPerson[] {
  return Array.from({ length: count }, (_, i) => {
    const birth = {
      year: 1940 + ((i * 7) % 60),
      month: 1 + ((i * 5) % 12),
      day: 1 + ((i * 11) % 28),
    };
    const first17 = `${REGIONS[i % REGIONS.length]}${birth.year}${String(birth.month).padStart(2, '0')}${String(birth.day).padStart(2, '0')}${String(100 + ((i * 37) % 900)).padStart(3, '0')}`;
    const right = residentIdCheckCharacter(first17);
    const valid = !(invalidEvery > 0 && i % invalidEvery === invalidEvery - 1);
    const printed = valid ? right : right === '7' ? '3' : '7';
    return {
      name: NAMES[i % NAMES.length] ?? '王秀英',
      sex: i % 2 === 0 ? '女' : '男',
      birth,
      address: ADDRESSES[i % ADDRESSES.length] ?? '',
      id: first17 + printed,
      valid,
    };
  });
}

/** A PNG photo of the person's card taken as `shot` says, drawn in `page` (any page of
 *  Kindly's origin). */
export async function cardPhoto(page: Page, person: CardPerson, shot: CardShot): Promise<Buffer> {
  // Run through tsx (the bench), the drawing function's inner helpers are wrapped in esbuild's
  // __name(), which the page does not have: a no-op stands in for it.
  await page.evaluate('globalThis.__name ??= (f) => f');
  const dataUrl = await page.evaluate(
    async ({ person, shot }) => {
      await document.fonts.load('32px "Noto Sans CJK SC"');
      // The card at 856 x 540 (its 85.6 mm x 54 mm at 10 px/mm).
      const card = document.createElement('canvas');
      card.width = 856;
      card.height = 540;
      const c = card.getContext('2d');
      if (!c) throw new Error('no 2d canvas');
      const background = c.createLinearGradient(0, 0, 856, 540);
      background.addColorStop(0, '#eef3f6');
      background.addColorStop(1, '#dde8ee');
      c.fillStyle = background;
      c.beginPath();
      c.roundRect(0, 0, 856, 540, 30);
      c.fill();
      c.fillStyle = '#c9d4db';
      c.fillRect(590, 60, 210, 260);
      const label = (text: string, x: number, y: number) => {
        c.font = '26px "Noto Sans CJK SC"';
        c.fillStyle = '#4d6272';
        c.fillText(text, x, y);
      };
      const value = (text: string, x: number, y: number, size = 32) => {
        c.font = `${size}px "Noto Sans CJK SC"`;
        c.fillStyle = '#111';
        c.fillText(text, x, y);
      };
      label('姓 名', 60, 90);
      value(person.name, 170, 90);
      label('性 别', 60, 160);
      value(person.sex, 170, 160);
      label('民 族', 260, 160);
      value('汉', 370, 160);
      label('出 生', 60, 230);
      value(`${person.birth.year} 年 ${person.birth.month} 月 ${person.birth.day} 日`, 170, 230);
      label('住 址', 60, 300);
      value(person.address, 170, 300, 28);
      label('公民身份号码', 60, 460);
      c.font = 'bold 36px "Noto Sans CJK SC"';
      c.fillStyle = '#111';
      c.fillText(person.id, 300, 462);

      // The photo: a table top, the card on it turned, scaled, blurred and lit as asked.
      const photo = document.createElement('canvas');
      photo.width = 1280;
      photo.height = 960;
      const p = photo.getContext('2d');
      if (!p) throw new Error('no 2d canvas');
      p.filter = `brightness(${shot.light})`;
      p.fillStyle = '#6b5a48';
      p.fillRect(0, 0, 1280, 960);
      p.filter = `blur(${shot.blur}px) brightness(${shot.light})`;
      p.translate(640, 480);
      p.rotate((shot.tilt * Math.PI) / 180);
      const width = 1280 * shot.scale;
      p.drawImage(card, -width / 2, (-width * 540) / 856 / 2, width, (width * 540) / 856);
      return photo.toDataURL('image/png');
    },
    { person, shot },
  );
  return Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
}
