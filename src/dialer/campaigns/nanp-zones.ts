/**
 * North American area code → time zone, for leads whose list gives no zone.
 * An area code that straddles a zone boundary lists every zone it touches:
 * the selector then calls only when the window is open in all of them. An
 * area code missing here (new overlays, Nunavut's 867) falls back to every
 * zone of the country, which is the safe answer, never a guess.
 */
const ET = 'America/New_York', CT = 'America/Chicago', MT = 'America/Denver', AZ = 'America/Phoenix', PT = 'America/Los_Angeles';
const CA_PT = 'America/Vancouver', CA_MT = 'America/Edmonton', CA_CT = 'America/Winnipeg', SK = 'America/Regina', CA_ET = 'America/Toronto';
const AT = 'America/Halifax', NT = 'America/St_Johns';

const BY_ZONE: [zones: string[], codes: string][] = [
  [[ET], '201 202 203 207 212 215 216 220 223 229 231 234 239 240 248 252 260 267 269 272 276 283 301 302 304 305 313 315 317 321 326 330 332 336 339 347 351 352 363 380'
    + ' 386 401 404 407 410 412 413 419 423 434 440 443 445 463 470 475 478 484 502 508 513 516 517 518 540 551 561 567 570 571 582 585 586 603 606 607 609 610 614 616'
    + ' 617 631 640 646 656 667 678 679 680 681 689 703 704 706 716 717 718 724 727 732 734 740 743 754 757 762 765 770 771 772 774 781 786 802 803 804 810 813 814 826'
    + ' 828 835 838 839 843 845 848 854 856 857 859 860 862 863 864 865 878 904 908 910 912 914 917 919 929 934 937 941 943 947 948 954 959 973 978 980 984 989'],
  [[CT], '205 210 214 217 218 224 225 228 251 254 256 262 274 281 309 312 314 316 318 319 320 325 327 331 337 346 361 402 405 409 414 417 430 447'
    + ' 464 469 479 501 504 507 512 515 531 534 539 557 563 572 573 580 601 608 612 615 618 629 630 636 641 651 659 660 662 682 708 712 713 715 726'
    + ' 731 737 763 769 773 779 806 815 816 817 830 832 847 870 872 901 903 913 918 920 936 938 940 945 952 956 972 975 979 985'],
  [[MT], '303 307 385 406 435 505 575 719 720 801 915 970 983'],
  [[AZ], '480 520 602 623'],
  [[PT], '206 209 213 253 279 310 323 341 350 360 408 415 424 425 442 503 509 510 530 559 562 564 619 626 628 650 657 661 669 702 707 714 725 747'
    + ' 760 805 818 820 831 840 858 909 916 925 949 951 971'],
  [['America/Anchorage', 'America/Adak'], '907'],
  [['Pacific/Honolulu'], '808'],
  // Indiana, Kentucky, Tennessee, the Florida panhandle, Michigan's Upper Peninsula, Alabama's Phenix City.
  [[ET, CT], '219 270 334 364 448 574 812 850 906 930 931'],
  [[CT, MT], '308 605 620 701 785 432'],
  [[MT, PT], '208 458 541 775 986'],
  [[AZ, MT], '928'],
  [[CA_PT], '604'],
  [[CA_PT, CA_MT], '236 250 672 778'],
  [[CA_MT], '368 403 587 780 825'],
  [[SK], '306 474 639'],
  [[CA_CT], '204 431 584'],
  [[CA_ET, CA_CT], '807'],
  [[CA_ET], '226 249 263 289 343 354 365 382 416 437 438 450 468 514 519 548 579 613 647 683 705 742 753 819 873 905'],
  [[CA_ET, AT], '367 418 581'],
  [[AT], '428 506 782 902'],
  [[NT, AT], '709 879'],
];

const TABLE = new Map<string, readonly string[]>();
for (const [zones, codes] of BY_ZONE) {
  for (const code of codes.trim().split(/\s+/)) TABLE.set(code, zones);
}

/** The zones a +1 number's area code covers, or undefined when it is not in the table. */
export function nanpZones(e164: string): readonly string[] | undefined {
  if (!e164.startsWith('+1') || e164.length !== 12) return undefined;
  return TABLE.get(e164.slice(2, 5));
}
